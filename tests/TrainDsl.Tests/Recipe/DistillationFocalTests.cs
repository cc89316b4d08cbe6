using System.Text.Json;
using TrainDsl.Losses;
using TrainDsl.Tests.Numerics;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Recipe;

/// <summary>
/// DistillationLoss with a focal label term against PyTorch (float64, tests/references/distill_focal.py):
/// α·T²·KL + (1 − α)·FL on class indices and on MixUp rows, γ ∈ {1, 2, 5}, with and without per-class α,
/// value and gradient with respect to the student logits, to 1e-5.
/// </summary>
public class DistillationFocalTests
{
    private const string File = "distill_focal.json";
    private const double LossRelTol = 1e-5;
    private const double GradRelTol = 1e-5;

    public DistillationFocalTests() => TrainDsl.Runs.TorchRuntime.EnsureLoaded();

    public static IEnumerable<object[]> Cases => ReferenceData.Cases(File, c =>
        $"{c.GetProperty("kind").GetString()} γ={c.GetProperty("gamma").GetDouble()} focal α={c.GetProperty("focalAlpha").GetRawText()} " +
        $"T={c.GetProperty("temperature").GetDouble()} α={c.GetProperty("alpha").GetDouble()}");

    private static (Tensor Student, Tensor Teacher, Tensor Target, DistillationLoss Loss) Inputs(JsonElement c)
    {
        var shape = c.GetProperty("shape").Longs();
        var weights = c.GetProperty("focalAlpha");
        var focal = new FocalLoss(c.GetProperty("gamma").GetDouble(), weights.ValueKind == JsonValueKind.Null ? null : weights.Doubles());
        return (
            tensor(c.GetProperty("student").Floats()).reshape(shape),
            tensor(c.GetProperty("teacher").Floats()).reshape(shape),
            c.TryGetProperty("target", out var t)
                ? tensor(t.Longs(), dtype: ScalarType.Int64)
                : tensor(c.GetProperty("softTarget").Floats()).reshape(shape),
            new DistillationLoss(c.GetProperty("temperature").GetDouble(), c.GetProperty("alpha").GetDouble(), focal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ValueAndGradientMatchPyTorch(string label, int index)
    {
        var c = ReferenceData.Case(File, index);
        using var scope = NewDisposeScope();
        var (student, teacher, target, loss) = Inputs(c);
        student.requires_grad_(true);

        var value = loss.Forward(student, teacher, target);
        value.backward();

        double expected = c.GetProperty("expected").GetDouble();
        double actual = value.item<float>();
        Assert.True(Math.Abs(actual - expected) <= LossRelTol * Math.Abs(expected),
            $"{label}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2}).");
        var expectedGrad = c.GetProperty("expectedGrad").Doubles();
        var grad = student.grad!.data<float>().ToArray();
        double scale = expectedGrad.Max(Math.Abs);
        for (int i = 0; i < expectedGrad.Length; i++)
            Assert.True(Math.Abs(grad[i] - expectedGrad[i]) <= GradRelTol * scale,
                $"{label}: gradient [{i}] expected {expectedGrad[i]:R}, got {grad[i]:R} (scale {scale:R}).");
    }

    /// <summary>The focal term is really used: with γ = 5 it differs from cross-entropy's label term by far more than the tolerance.</summary>
    [Fact]
    public void TheFocalTermIsNotCrossEntropy()
    {
        var c = ReferenceData.Load(File).GetProperty("cases").EnumerateArray()
            .First(e => e.GetProperty("gamma").GetDouble() == 5 && e.GetProperty("alpha").GetDouble() == 0.5);
        using var scope = NewDisposeScope();
        var (student, teacher, target, focal) = Inputs(c);
        var plain = new DistillationLoss(focal.Temperature, focal.Alpha);

        double withFocal = focal.Forward(student, teacher, target).item<float>();
        double withCrossEntropy = plain.Forward(student, teacher, target).item<float>();

        Assert.True(Math.Abs(withFocal - withCrossEntropy) > 100 * LossRelTol * Math.Abs(withFocal),
            $"focal {withFocal:R}, cross-entropy {withCrossEntropy:R}");
    }
}
