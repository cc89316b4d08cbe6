using System.Text.Json;
using TorchSharp;
using TrainDsl.Models;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Numerics;

/// <summary>
/// The wide ResNets against the same WRN-d-k written in PyTorch (tests/references/wide_resnet.py → wide_resnet.json):
/// parameter and buffer names, shapes and counts, and eval-mode logits after both sides load the same deterministic
/// weights (an integer LCG, computed here as the script does); and the parameter counts of the paper's Table 4.
/// </summary>
public class WideResNetTests
{
    private const string File = "wide_resnet.json";

    public static IEnumerable<object[]> Models() =>
        ReferenceData.Load(File).GetProperty("models").EnumerateArray()
            .Select((m, i) => new object[] { $"{m.GetProperty("model").GetString()}({m.GetProperty("inChannels").GetInt32()}, 10)", i });

    public static IEnumerable<object[]> Forwards() =>
        ReferenceData.Load(File).GetProperty("forward").EnumerateArray()
            .Select((f, i) => new object[] { f.GetProperty("label").GetString()!, i });

    private static WideResNet BuiltIn(string name, int inChannels, int classes) => name switch
    {
        "Wrn16x2" => WideResNet.Wrn16x2(inChannels, classes),
        "Wrn16x4" => WideResNet.Wrn16x4(inChannels, classes),
        "Wrn16x8" => WideResNet.Wrn16x8(inChannels, classes),
        "Wrn28x10" => WideResNet.Wrn28x10(inChannels, classes),
        "Wrn40x4" => WideResNet.Wrn40x4(inChannels, classes),
        _ => throw new ArgumentException(name),
    };

    private static IEnumerable<string> Listed(JsonElement list) =>
        list.EnumerateArray().Select(p => $"{p.GetProperty("name").GetString()} [{string.Join(",", p.GetProperty("shape").Longs())}]");

    [Theory]
    [MemberData(nameof(Models))]
    public void NamesShapesAndCountsMatchPyTorch(string label, int index)
    {
        var c = ReferenceData.Load(File).GetProperty("models")[index];
        using var model = BuiltIn(c.GetProperty("model").GetString()!, c.GetProperty("inChannels").GetInt32(), c.GetProperty("classes").GetInt32());
        Assert.Equal(c.GetProperty("parameterCount").GetInt64(), model.parameters().Sum(p => p.numel()));
        Assert.Equal(Listed(c.GetProperty("parameters")), model.named_parameters().Select(p => $"{p.name} [{string.Join(",", p.parameter.shape)}]"));
        Assert.Equal(Listed(c.GetProperty("buffers")), model.named_buffers().Select(b => $"{b.name} [{string.Join(",", b.buffer.shape)}]"));
        _ = label;
    }

    [Theory]
    [MemberData(nameof(Forwards))]
    public void EvalLogitsMatchPyTorchWithTheSameWeights(string label, int index)
    {
        var c = ReferenceData.Load(File).GetProperty("forward")[index];
        int inChannels = c.GetProperty("inChannels").GetInt32(), size = c.GetProperty("inputSize").GetInt32();
        using var model = WideResNet.Create(c.GetProperty("depth").GetInt32(), c.GetProperty("widen").GetInt32(), inChannels,
            c.GetProperty("classes").GetInt32(), c.GetProperty("dropout").GetDouble(), c.GetProperty("stemStride").GetInt32());
        LoadDeterministicState(model);
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = tensor(Uniform(2 * inChannels * size * size, 12345).Select(v => (float)v).ToArray()).reshape(2, inChannels, size, size);
        var logits = model.call(input).data<float>().ToArray();
        var expected = c.GetProperty("logits").Doubles();
        Assert.Equal(expected.Length, logits.Length);
        double worst = expected.Zip(logits, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= 1e-4, $"{label}: the largest logit difference is {worst:G3}");
    }

    public static IEnumerable<object[]> StemStride2() =>
        ReferenceData.Load(File).GetProperty("stemStride2").EnumerateArray()
            .Select((m, i) => new object[] { $"Create({m.GetProperty("depth").GetInt32()}, {m.GetProperty("widen").GetInt32()}, {m.GetProperty("inChannels").GetInt32()}, stemStride: 2)", i });

    /// <summary>The stem-stride-2 variant has the paper's weights (same names and shapes) and a quarter of the FLOPs, as PyTorch counts them.</summary>
    [Theory]
    [MemberData(nameof(StemStride2))]
    public void StemStride2MatchesPyTorchInShapesAndFlops(string label, int index)
    {
        var c = ReferenceData.Load(File).GetProperty("stemStride2")[index];
        int inChannels = c.GetProperty("inChannels").GetInt32();
        using var model = WideResNet.Create(c.GetProperty("depth").GetInt32(), c.GetProperty("widen").GetInt32(), inChannels,
            c.GetProperty("classes").GetInt32(), stemStride: c.GetProperty("stemStride").GetInt32());
        Assert.Equal(2, model.StemStride);
        Assert.Equal(c.GetProperty("parameterCount").GetInt64(), model.parameters().Sum(p => p.numel()));
        Assert.Equal(Listed(c.GetProperty("parameters")), model.named_parameters().Select(p => $"{p.name} [{string.Join(",", p.parameter.shape)}]"));
        foreach (int size in new[] { 28, 32 })
            Assert.Equal(c.GetProperty("forwardFlops").GetProperty(size.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetInt64(),
                ModelFlops.PerImage(model, inChannels, size, size));
        _ = label;
    }

    /// <summary>Zagoruyko &amp; Komodakis 2016, Table 4 (CIFAR-10: 3 channels, 10 classes), in millions to one decimal.</summary>
    [Theory]
    [InlineData("Wrn16x4", 2.7)]
    [InlineData("Wrn16x8", 11.0)]
    [InlineData("Wrn28x10", 36.5)]
    [InlineData("Wrn40x4", 8.9)]
    public void ParameterCountsAreThePapers(string name, double millions)
    {
        using var model = BuiltIn(name, 3, 10);
        Assert.Equal(millions, Math.Round(model.parameters().Sum(p => p.numel()) / 1e6, 1));
    }

    [Fact]
    public void DropoutActsOnlyInTraining()
    {
        using var model = WideResNet.Create(10, 1, 1, 10, dropout: 0.5);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = randn(2, 1, 28, 28);
        model.eval();
        Assert.True(model.call(x).allclose(model.call(x), rtol: 0, atol: 0));
        model.train();
        Assert.False(model.call(x).allclose(model.call(x)));
    }

    [Fact]
    public void ForwardLeavesOnlyTheOutputInTheCallersScope()
    {
        using var model = WideResNet.Create(10, 2, 1, 10, dropout: 0.3);
        using var scope = NewDisposeScope();
        var input = randn(2, 1, 28, 28);
        long before = scope.DisposablesCount;
        model.call(input);
        Assert.Equal(before + 1, scope.DisposablesCount);
    }

    [Fact]
    public void TrainsUnderMixedPrecision()
    {
        // [Amp]'s pairing of an fp32 master with a bf16 channels-last working copy accepts the pre-activation blocks.
        manual_seed(3);
        using var model = WideResNet.Create(10, 1, 1, 10, dropout: 0.3);
        using var amp = new TrainDsl.Precision.MixedPrecision(model, () => WideResNet.Create(10, 1, 1, 10, dropout: 0.3));
        using var optimizer = optim.SGD(model.parameters(), 0.1, momentum: 0.9);
        using var scope = NewDisposeScope();
        var before = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
        model.train();
        optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(amp.Forward(randn(4, 1, 28, 28)), tensor(new long[] { 0, 1, 2, 3 }));
        amp.Backward(loss);
        Assert.True(amp.Step(optimizer));
        Assert.True(float.IsFinite(loss.item<float>()));
        Assert.All(model.named_parameters(), p => Assert.False(p.parameter.allclose(before[p.name], rtol: 0, atol: 0), p.name + " did not move"));
    }

    [Fact]
    public void ZeroGammaRefusesAWideResNet()
    {
        using var model = WideResNet.Wrn16x2(1, 10);
        Assert.Throws<TrainDslException>(() => ZeroGamma.Apply(model));
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WideResNet.Create(12, 2, 1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => WideResNet.Create(4, 2, 1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => WideResNet.Create(16, 0, 1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => WideResNet.Create(16, 2, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => WideResNet.Create(16, 2, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => WideResNet.Create(16, 2, 1, 10, dropout: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => WideResNet.Create(16, 2, 1, 10, stemStride: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => WideResNet.Create(16, 2, 1, 10, stemStride: 0));
    }

    /// <summary>wide_resnet.py's uniform: a 32-bit LCG, numbers in [-1, 1).</summary>
    internal static double[] Uniform(long count, long seed)
    {
        uint x = unchecked((uint)(seed * 2654435761L));
        var values = new double[count];
        for (long j = 0; j < count; j++)
        {
            x = unchecked(1664525u * x + 1013904223u);
            values[j] = 2.0 * x / 4294967296.0 - 1.0;
        }
        return values;
    }

    /// <summary>wide_resnet.py's deterministic_state: the t-th float state-dict entry in ordinal name order from Uniform(numel, t + 1).</summary>
    internal static void LoadDeterministicState(nn.Module model)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var state = model.state_dict();
        var names = state.Where(kv => kv.Value.is_floating_point()).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
        for (int t = 0; t < names.Count; t++)
        {
            var target = state[names[t]];
            var s = Uniform(target.numel(), t + 1);
            string name = names[t];
            Func<double, double> value =
                name.EndsWith("running_var", StringComparison.Ordinal) ? v => 1 + 0.5 * v * v :
                name.EndsWith("running_mean", StringComparison.Ordinal) || name.EndsWith("bias", StringComparison.Ordinal) ? v => 0.1 * v :
                target.dim() == 1 ? v => 1 + 0.2 * v :
                v => Math.Sqrt(3.0 / (target.numel() / target.shape[0])) * v;
            target.copy_(tensor(s.Select(v => (float)value(v)).ToArray()).reshape(target.shape));
        }
    }
}
