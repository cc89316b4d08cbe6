using System.Text.Json;
using TrainDsl.Losses;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Numerics;

/// <summary>
/// FocalLoss with soft targets against PyTorch (float64, tests/references/focal_soft.py) on the same fp32/bf16
/// logits and fp32 target rows: Dirichlet rows, MixUp pairs, label-smoothed and one-hot rows, γ ∈ {0, 1, 2, 5},
/// with and without α. One-hot cases also carry the class indices and PyTorch's index-target value.
/// </summary>
public class FocalLossSoftTargetTests
{
    /// <summary>Loss: relative to the expected value. Gradient: relative to the largest expected entry.</summary>
    private const double LossRelTol = 1e-5;
    private const double GradRelTol = 1e-5;

    public static IEnumerable<object[]> Cases => ReferenceData.Cases("focal_soft.json", Label);

    public static IEnumerable<object[]> OneHotCases =>
        ReferenceData.Load("focal_soft.json").GetProperty("cases").EnumerateArray()
            .Select((c, i) => (c, i)).Where(x => x.c.TryGetProperty("target", out _))
            .Select(x => new object[] { Label(x.c), x.i });

    private static string Label(JsonElement c) =>
        $"{c.GetProperty("kind").GetString()} γ={c.GetProperty("gamma").GetDouble()} α={c.GetProperty("alpha").GetRawText()} {c.GetProperty("dtype").GetString()}";

    private static FocalLoss Loss(JsonElement c)
    {
        var alpha = c.GetProperty("alpha");
        return new FocalLoss(c.GetProperty("gamma").GetDouble(), alpha.ValueKind == JsonValueKind.Null ? null : alpha.Doubles());
    }

    private static Tensor Logits(JsonElement c)
    {
        var logits = tensor(c.GetProperty("logits").Floats()).reshape(c.GetProperty("shape").Longs());
        return c.GetProperty("dtype").GetString() switch
        {
            "float32" => logits,
            "bfloat16" => logits.to_type(ScalarType.BFloat16),
            var d => throw new InvalidOperationException($"Unknown dtype {d}."),
        };
    }

    private static Tensor SoftTarget(JsonElement c) =>
        tensor(c.GetProperty("softTarget").Floats()).reshape(c.GetProperty("shape").Longs());

    private static void AssertLoss(string label, double expected, Tensor loss)
    {
        Assert.Equal(ScalarType.Float32, loss.dtype);
        Assert.Equal(0, loss.ndim);
        double actual = loss.item<float>();
        Assert.True(Math.Abs(actual - expected) <= LossRelTol * Math.Abs(expected),
            $"{label}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2}).");
    }

    private static void AssertGrad(string label, double[] expected, Tensor logits)
    {
        var actual = logits.grad!.data<float>().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= GradRelTol * scale,
                $"{label}: gradient [{i}] expected {expected[i]:R}, got {actual[i]:R} (scale {scale:R}).");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SoftTargetValueMatchesPyTorch(string label, int index)
    {
        var c = ReferenceData.Case("focal_soft.json", index);
        using var scope = NewDisposeScope();
        AssertLoss(label, c.GetProperty("expected").GetDouble(), Loss(c).Forward(Logits(c), SoftTarget(c)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SoftTargetGradientMatchesPyTorch(string label, int index)
    {
        var c = ReferenceData.Case("focal_soft.json", index);
        if (c.GetProperty("dtype").GetString() != "float32") return; // a 16-bit leaf rounds its gradient to 16 bits
        using var scope = NewDisposeScope();
        var logits = Logits(c).requires_grad_(true);
        Loss(c).Forward(logits, SoftTarget(c)).backward();
        AssertGrad(label, c.GetProperty("expectedGrad").Doubles(), logits);
    }

    /// <summary>
    /// One-hot rows and the same labels as int64 indices: both give PyTorch's index-target value and gradient,
    /// and the two paths agree with each other to the last bit in the forward pass (same terms, same order).
    /// </summary>
    [Theory]
    [MemberData(nameof(OneHotCases))]
    public void OneHotSoftTargetsGiveTheIndexTargetLoss(string label, int index)
    {
        var c = ReferenceData.Case("focal_soft.json", index);
        using var scope = NewDisposeScope();
        var focal = Loss(c);
        double expected = c.GetProperty("expectedHard").GetDouble();
        var indices = tensor(c.GetProperty("target").Longs(), dtype: ScalarType.Int64);

        var softLogits = Logits(c).requires_grad_(true);
        var soft = focal.Forward(softLogits, SoftTarget(c));
        var hardLogits = Logits(c).requires_grad_(true);
        var hard = focal.Forward(hardLogits, indices);

        AssertLoss(label + " (one-hot rows)", expected, soft);
        AssertLoss(label + " (indices)", expected, hard);
        Assert.Equal(hard.item<float>(), soft.item<float>());

        if (c.GetProperty("dtype").GetString() != "float32") return;
        soft.backward();
        hard.backward();
        var expectedGrad = c.GetProperty("expectedHardGrad").Doubles();
        AssertGrad(label + " (one-hot rows)", expectedGrad, softLogits);
        AssertGrad(label + " (indices)", expectedGrad, hardLogits);
    }

    [Fact]
    public void SoftTargetsWithGammaZeroAndNoAlphaAreSoftTargetCrossEntropy()
    {
        // Both sides are checked against PyTorch elsewhere; this pins the documented γ = 0 identity.
        var c = ReferenceData.Load("focal_soft.json").GetProperty("cases").EnumerateArray()
            .First(x => x.GetProperty("kind").GetString() == "dirichlet" && x.GetProperty("gamma").GetDouble() == 0
                        && x.GetProperty("alpha").ValueKind == JsonValueKind.Null);
        using var scope = NewDisposeScope();
        double expected = c.GetProperty("expected").GetDouble();
        AssertLoss("soft cross-entropy", expected, new SoftTargetCrossEntropy().Forward(Logits(c), SoftTarget(c)));
        AssertLoss("focal γ=0", expected, new FocalLoss(0).Forward(Logits(c), SoftTarget(c)));
    }

    [Fact]
    public void SoftTargetGradientStaysFiniteForSmallGammaWhenPRoundsToOne()
    {
        using var scope = NewDisposeScope();
        // Row 0: p_1 rounds to 1 in fp32; (1 − p)^0.5 would have an infinite derivative without the floor.
        var logits = tensor(new float[] { 0, 80, 0, 1, 2, 3 }).reshape(2, 3).requires_grad_(true);
        var target = tensor(new float[] { 0.1f, 0.8f, 0.1f, 0.2f, 0.3f, 0.5f }).reshape(2, 3);
        var loss = new FocalLoss(0.5).Forward(logits, target);
        loss.backward();
        Assert.True(float.IsFinite(loss.item<float>()));
        Assert.All(logits.grad!.data<float>().ToArray(), g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void ForwardWithSoftTargetsLeavesOnlyTheLossInTheCallersScope()
    {
        using var scope = NewDisposeScope();
        var logits = randn(16, 5).to_type(ScalarType.BFloat16);
        var soft = softmax(randn(16, 5), 1).to_type(ScalarType.Float64);
        long before = scope.DisposablesCount;
        var loss = new FocalLoss(2, [1, 1, 2, 2, 3]).Forward(logits, soft);
        Assert.Equal(before + 1, scope.DisposablesCount);
        Assert.Equal(ScalarType.Float32, loss.dtype);
    }

    [Fact]
    public void BadSoftTargetsAreRejected()
    {
        using var scope = NewDisposeScope();
        var logits = randn(4, 3);
        var focal = new FocalLoss(2);

        // Shape: neither [batch] indices nor [batch, classes] probabilities.
        var wrongClasses = Assert.Throws<ArgumentException>(() => focal.Forward(logits, softmax(randn(4, 2), 1)));
        Assert.Equal("target", wrongClasses.ParamName);
        Assert.Contains("[4, 3]", wrongClasses.Message);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => focal.Forward(logits, softmax(randn(3, 3), 1))).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => focal.Forward(logits, softmax(randn(4, 3, 1), 1))).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => focal.Forward(logits, tensor(0.5f))).ParamName);

        // Dtype: [batch, classes] integer or bool rows are not probabilities.
        var intRows = Assert.Throws<ArgumentException>(() => focal.Forward(logits, zeros(4, 3, dtype: ScalarType.Int64)));
        Assert.Equal("target", intRows.ParamName);
        Assert.Contains("floating-point", intRows.Message);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => focal.Forward(logits, zeros(4, 3, dtype: ScalarType.Bool))).ParamName);

        // Alpha must match the classes on the soft path too.
        Assert.Equal("logits", Assert.Throws<ArgumentException>(
            () => new FocalLoss(2, [1, 1]).Forward(logits, softmax(randn(4, 3), 1))).ParamName);

        // Float class indices of shape [batch] stay rejected by the index path.
        Assert.Throws<ArgumentException>(() => focal.Forward(logits, tensor(new float[] { 0, 1, 2, 0 })));
    }
}
