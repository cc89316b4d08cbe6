using System.Globalization;
using System.Text.Json;
using TrainDsl.Losses;
using TrainDsl.Tests.Numerics;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Recipe;

/// <summary>
/// DistillationLoss against PyTorch (float64): α·T²·F.kl_div(log_softmax(s/T), softmax(t/T), 'batchmean')
/// + (1 − α)·CE(s, y), with hard and soft targets, and its gradient with respect to the student logits.
/// </summary>
public class DistillationLossTests
{
    private const string File = "recipe_references.json";
    private const double LossRelTol = 1e-5;
    private const double GradAbsTol = 1e-6;
    private const double GradRelTol = 1e-4;

    public DistillationLossTests() => TrainDsl.Runs.TorchRuntime.EnsureLoaded();

    private static JsonElement Case(int index) => ReferenceData.Load(File).GetProperty("distillation")[index];

    public static IEnumerable<object[]> Cases => ReferenceData.Load(File).GetProperty("distillation").EnumerateArray()
        .Select((c, i) => new object[]
        {
            $"T={c.GetProperty("temperature").GetDouble().ToString(CultureInfo.InvariantCulture)} " +
            $"alpha={c.GetProperty("alpha").GetDouble().ToString(CultureInfo.InvariantCulture)} " +
            $"{(c.TryGetProperty("target", out _) ? "hard" : "soft")} {c.GetProperty("dtype").GetString()} #{i}",
            i,
        });

    private static ScalarType DType(JsonElement c) => c.GetProperty("dtype").GetString() switch
    {
        "float32" => ScalarType.Float32,
        "bfloat16" => ScalarType.BFloat16,
        "float16" => ScalarType.Float16,
        var d => throw new InvalidOperationException($"Unknown dtype {d}."),
    };

    private static (Tensor Student, Tensor Teacher, Tensor Target, DistillationLoss Loss) Inputs(JsonElement c)
    {
        var shape = c.GetProperty("shape").Longs();
        var student = tensor(c.GetProperty("student").Floats()).reshape(shape);
        var teacher = tensor(c.GetProperty("teacher").Floats()).reshape(shape).to_type(DType(c));
        var target = c.TryGetProperty("target", out var t)
            ? tensor(t.Longs(), dtype: ScalarType.Int64)
            : tensor(c.GetProperty("softTarget").Floats()).reshape(shape);
        return (student, teacher, target, new DistillationLoss(c.GetProperty("temperature").GetDouble(), c.GetProperty("alpha").GetDouble()));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ValueMatchesPyTorch(string label, int index)
    {
        var c = Case(index);
        using var scope = NewDisposeScope();
        var (student, teacher, target, loss) = Inputs(c);
        var value = loss.Forward(student.to_type(DType(c)), teacher, target);

        Assert.Equal(ScalarType.Float32, value.dtype);
        Assert.Equal(0, value.ndim);
        double expected = c.GetProperty("expected").GetDouble();
        double actual = value.item<float>();
        Assert.True(Math.Abs(actual - expected) <= LossRelTol * Math.Abs(expected),
            $"{label}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2}).");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void StudentGradientMatchesPyTorchAndTeacherGetsNone(string label, int index)
    {
        var c = Case(index);
        if (DType(c) != ScalarType.Float32) return; // a 16-bit leaf rounds its gradient to 16 bits
        using var scope = NewDisposeScope();
        var (student, teacher, target, loss) = Inputs(c);
        student.requires_grad_(true);
        teacher.requires_grad_(true);
        loss.Forward(student, teacher, target).backward();

        Assert.Null(teacher.grad);
        var expected = c.GetProperty("expectedGrad").Doubles();
        var actual = student.grad!.data<float>().ToArray();
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= GradAbsTol + GradRelTol * scale,
                $"{label}: gradient [{i}] expected {expected[i]:R}, got {actual[i]:R}.");
    }

    [Fact]
    public void ReferenceCoversTemperaturesAlphasAndBothTargetKinds()
    {
        var cases = ReferenceData.Load(File).GetProperty("distillation").EnumerateArray().ToList();
        foreach (double t in new[] { 1.0, 4.0 })
            foreach (double a in new[] { 0.0, 0.5, 1.0 })
            {
                var matching = cases.Where(c => c.GetProperty("temperature").GetDouble() == t && c.GetProperty("alpha").GetDouble() == a).ToList();
                Assert.Contains(matching, c => c.TryGetProperty("target", out _));
                Assert.Contains(matching, c => c.TryGetProperty("softTarget", out _));
            }
    }

    [Fact]
    public void ForwardLeavesOnlyTheLossInTheCallersScope()
    {
        using var scope = NewDisposeScope();
        var student = randn(16, 5).to_type(ScalarType.BFloat16);
        var teacher = randn(16, 5).to_type(ScalarType.Float16);
        var hard = randint(0, 5, 16, dtype: ScalarType.Int64);
        var soft = softmax(randn(16, 5), 1);
        foreach (var forward in new Func<Tensor>[]
                 {
                     () => new DistillationLoss().Forward(student, teacher, hard),
                     () => new DistillationLoss(2, 0.5).Forward(student, teacher, soft),
                     () => new DistillationLoss(1, 0).Forward(student, teacher, hard),
                     () => new DistillationLoss(1, 1).Forward(student, teacher, soft),
                 })
        {
            long before = scope.DisposablesCount;
            var loss = forward();
            Assert.Equal(ScalarType.Float32, loss.dtype);
            Assert.Equal(before + 1, scope.DisposablesCount);
        }
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistillationLoss(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistillationLoss(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistillationLoss(4, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistillationLoss(4, 1.5));

        using var scope = NewDisposeScope();
        var loss = new DistillationLoss();
        var s = randn(4, 3);
        var y = tensor(new long[] { 0, 1, 2, 0 });
        Assert.Throws<ArgumentException>(() => loss.Forward(s, randn(4, 2), y));
        Assert.Throws<ArgumentException>(() => loss.Forward(randn(4), randn(4), y));
        Assert.Throws<ArgumentException>(() => loss.Forward(s, randn(4, 3), randn(4, 2)));
        Assert.Throws<ArgumentException>(() => loss.Forward(s, randn(4, 3), tensor(new long[] { 0, 1 })));
    }
}
