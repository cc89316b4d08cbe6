using System.Text.Json;
using TorchSharp;
using TrainDsl.Losses;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Numerics;

/// <summary>The losses against PyTorch (float64) on the same fp32/bf16/fp16 logits, incl. extreme ones.</summary>
public class LossTests
{
    private const double LossRelTol = 1e-5;
    private const double GradAbsTol = 1e-6;
    private const double GradRelTol = 1e-4;

    public static IEnumerable<object[]> Cases => ReferenceData.Cases("losses.json",
        c => $"{c.GetProperty("kind").GetString()} {c.GetProperty("params").GetRawText()} {c.GetProperty("dtype").GetString()} [{string.Join(",", c.GetProperty("shape").Ints())}]");

    private static ScalarType DType(JsonElement c) => c.GetProperty("dtype").GetString() switch
    {
        "float32" => ScalarType.Float32,
        "bfloat16" => ScalarType.BFloat16,
        "float16" => ScalarType.Float16,
        var d => throw new InvalidOperationException($"Unknown dtype {d}."),
    };

    private static Func<Tensor, Tensor, Tensor> LossFor(JsonElement c)
    {
        var p = c.GetProperty("params");
        switch (c.GetProperty("kind").GetString())
        {
            case "cross_entropy":
                var ce = new CrossEntropyLoss(p.GetProperty("labelSmoothing").GetDouble());
                return ce.Forward;
            case "focal":
                var alpha = p.GetProperty("alpha");
                var focal = new FocalLoss(p.GetProperty("gamma").GetDouble(), alpha.ValueKind == JsonValueKind.Null ? null : alpha.Doubles());
                return focal.Forward;
            case "soft_target":
                return new SoftTargetCrossEntropy().Forward;
            default:
                throw new InvalidOperationException("Unknown loss kind.");
        }
    }

    private static Tensor Target(JsonElement c, long[] shape) =>
        c.TryGetProperty("target", out var t)
            ? tensor(t.Longs(), dtype: ScalarType.Int64)
            : tensor(c.GetProperty("softTarget").Floats()).reshape(shape);

    [Theory]
    [MemberData(nameof(Cases))]
    public void ValueMatchesPyTorch(string label, int index)
    {
        var c = ReferenceData.Case("losses.json", index);
        using var scope = NewDisposeScope();
        var shape = c.GetProperty("shape").Longs();
        var logits = tensor(c.GetProperty("logits").Floats()).reshape(shape).to_type(DType(c));
        var loss = LossFor(c)(logits, Target(c, shape));

        Assert.Equal(ScalarType.Float32, loss.dtype);
        Assert.Equal(0, loss.ndim);
        double expected = c.GetProperty("expected").GetDouble();
        double actual = loss.item<float>();
        Assert.True(Math.Abs(actual - expected) <= LossRelTol * Math.Abs(expected),
            $"{label}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2}).");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientMatchesPyTorch(string label, int index)
    {
        var c = ReferenceData.Case("losses.json", index);
        if (DType(c) != ScalarType.Float32) return; // a 16-bit leaf rounds its gradient to 16 bits
        using var scope = NewDisposeScope();
        var shape = c.GetProperty("shape").Longs();
        var logits = tensor(c.GetProperty("logits").Floats()).reshape(shape).requires_grad_(true);
        LossFor(c)(logits, Target(c, shape)).backward();

        var expected = c.GetProperty("expectedGrad").Doubles();
        var actual = logits.grad!.data<float>().ToArray();
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= GradAbsTol + GradRelTol * scale,
                $"{label}: gradient [{i}] expected {expected[i]:R}, got {actual[i]:R}.");
    }

    [Fact]
    public void FocalWithGammaZeroAndNoAlphaIsCrossEntropy()
    {
        using var scope = NewDisposeScope();
        var gen = new Generator(123);
        var logits = randn(64, 10, generator: gen) * 4;
        var target = randint(0, 10, 64, dtype: ScalarType.Int64, generator: gen);
        double focal = new FocalLoss(0).Forward(logits, target).item<float>();
        double ce = new CrossEntropyLoss().Forward(logits, target).item<float>();
        Assert.Equal(ce, focal, 6);
    }

    [Fact]
    public void SoftTargetWithOneHotRowsIsCrossEntropy()
    {
        using var scope = NewDisposeScope();
        var gen = new Generator(321);
        var logits = randn(32, 7, generator: gen) * 3;
        var target = randint(0, 7, 32, dtype: ScalarType.Int64, generator: gen);
        var oneHot = nn.functional.one_hot(target, 7).to_type(ScalarType.Float32);
        double soft = new SoftTargetCrossEntropy().Forward(logits, oneHot).item<float>();
        double ce = new CrossEntropyLoss().Forward(logits, target).item<float>();
        Assert.Equal(ce, soft, 6);
    }

    [Fact]
    public void ForwardLeavesOnlyTheLossInTheCallersScope()
    {
        using var scope = NewDisposeScope();
        var logits = randn(16, 5).to_type(ScalarType.BFloat16);
        var target = randint(0, 5, 16, dtype: ScalarType.Int32);
        var soft = softmax(randn(16, 5), 1);
        foreach (var forward in new Func<Tensor>[]
                 {
                     () => new CrossEntropyLoss(0.1).Forward(logits, target),
                     () => new FocalLoss(2, [1, 1, 2, 2, 3]).Forward(logits, target),
                     () => new SoftTargetCrossEntropy().Forward(logits, soft),
                 })
        {
            long before = scope.DisposablesCount;
            forward();
            Assert.Equal(before + 1, scope.DisposablesCount);
        }
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FocalLoss(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FocalLoss(2, [1, -1]));
        Assert.Throws<ArgumentException>(() => new FocalLoss(2, []));

        using var scope = NewDisposeScope();
        var logits = randn(4, 3);
        Assert.Throws<ArgumentException>(() => new FocalLoss(2, [1, 1]).Forward(logits, tensor(new long[] { 0, 1, 2, 0 })));
        Assert.Throws<ArgumentException>(() => new CrossEntropyLoss().Forward(logits, tensor(new long[] { 0, 1, 2 })));
        Assert.Throws<ArgumentException>(() => new CrossEntropyLoss().Forward(logits, tensor(new float[] { 0, 1, 2, 0 })));
        Assert.Throws<ArgumentException>(() => new SoftTargetCrossEntropy().Forward(logits, randn(4, 2)));
    }
}
