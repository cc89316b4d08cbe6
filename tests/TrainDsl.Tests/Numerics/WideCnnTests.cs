using System.Globalization;
using System.Text.Json;
using TrainDsl.Models;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Numerics;

/// <summary>
/// WideCnn (SmallCnn at twice the width) against the same network written in PyTorch from its description
/// (tests/references/wide_cnn.py → wide_cnn.json): names, shapes and counts, the FLOPs of its architecture, and eval-mode
/// logits after both sides load wide_resnet.py's deterministic weights.
/// </summary>
public class WideCnnTests
{
    private const string File = "wide_cnn.json";

    public static IEnumerable<object[]> Models() =>
        ReferenceData.Load(File).GetProperty("models").EnumerateArray().Select((m, i) => new object[] { m.GetProperty("inChannels").GetInt32(), i });

    public static IEnumerable<object[]> Forwards() =>
        ReferenceData.Load(File).GetProperty("forward").EnumerateArray().Select((f, i) => new object[] { f.GetProperty("inputSize").GetInt32(), i });

    private static IEnumerable<string> Listed(JsonElement list) =>
        list.EnumerateArray().Select(p => $"{p.GetProperty("name").GetString()} [{string.Join(",", p.GetProperty("shape").Longs())}]");

    [Theory]
    [MemberData(nameof(Models))]
    public void NamesShapesCountsAndFlopsMatchPyTorch(int inChannels, int index)
    {
        var c = ReferenceData.Load(File).GetProperty("models")[index];
        using var model = SmallCnn.WideCnn(inChannels, c.GetProperty("classes").GetInt32());
        Assert.Equal(c.GetProperty("parameterCount").GetInt64(), model.parameters().Sum(p => p.numel()));
        Assert.Equal(Listed(c.GetProperty("parameters")), model.named_parameters().Select(p => $"{p.name} [{string.Join(",", p.parameter.shape)}]"));
        Assert.Equal(Listed(c.GetProperty("buffers")), model.named_buffers().Select(b => $"{b.name} [{string.Join(",", b.buffer.shape)}]"));
        foreach (int size in new[] { 28, 32 })
            Assert.Equal(c.GetProperty("forwardFlops").GetProperty(size.ToString(CultureInfo.InvariantCulture)).GetInt64(),
                ModelFlops.PerImage(model, inChannels, size, size));
    }

    [Theory]
    [MemberData(nameof(Forwards))]
    public void EvalLogitsMatchPyTorchWithTheSameWeights(int size, int index)
    {
        var c = ReferenceData.Load(File).GetProperty("forward")[index];
        int inChannels = c.GetProperty("inChannels").GetInt32();
        using var model = SmallCnn.WideCnn(inChannels, c.GetProperty("classes").GetInt32());
        WideResNetTests.LoadDeterministicState(model);
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = tensor(WideResNetTests.Uniform(2 * inChannels * size * size, 12345).Select(v => (float)v).ToArray()).reshape(2, inChannels, size, size);
        var logits = model.call(input).data<float>().ToArray();
        var expected = c.GetProperty("logits").Doubles();
        Assert.Equal(expected.Length, logits.Length);
        double worst = expected.Zip(logits, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= 1e-4, $"{size}×{size}: the largest logit difference is {worst:G3}");
    }

    [Fact]
    public void IsSmallCnnTwiceAsWide()
    {
        using var small = new SmallCnn(1, 10);
        using var wide = SmallCnn.WideCnn(1, 10);
        var narrow = small.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        // Same keys; every width-bearing dimension doubles (the input channels and the class count do not).
        Assert.Equal(narrow.Keys, wide.named_parameters().Select(p => p.name));
        Assert.Equal(new long[] { 64, 1, 3, 3 }, wide.named_parameters().First(p => p.name == "features.0.weight").parameter.shape);
        Assert.Equal(new long[] { 32, 1, 3, 3 }, narrow["features.0.weight"]);
        Assert.Equal(new long[] { 10, 256 }, wide.named_parameters().First(p => p.name == "classifier.3.weight").parameter.shape);
    }

    [Fact]
    public void ANetWithoutInputChannelsIsRefusedUnderItsOwnName()
    {
        var small = Assert.Throws<ArgumentOutOfRangeException>(() => new SmallCnn(0, 10));
        Assert.StartsWith("SmallCnn needs at least 1 input channel", small.Message);
        var wide = Assert.Throws<ArgumentOutOfRangeException>(() => SmallCnn.WideCnn(0, 10));
        Assert.StartsWith("WideCnn needs at least 1 input channel", wide.Message);
    }
}
