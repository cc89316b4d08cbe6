using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using TrainDsl.Models;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Numerics;

/// <summary>
/// The built-in models against the same architectures written in PyTorch (models.json): output shapes,
/// parameter counts, and parameter/buffer names and shapes (torchvision naming, so state dicts line up).
/// </summary>
public class ModelTests
{
    public static IEnumerable<object[]> Cases => ReferenceData.Cases("models.json",
        c => $"{c.GetProperty("model").GetString()}({c.GetProperty("inChannels").GetInt32()}, {c.GetProperty("classes").GetInt32()}) on {c.GetProperty("inputSize").GetInt32()}²");

    private static nn.Module<Tensor, Tensor> Build(string model, int inChannels, int classes) => model switch
    {
        "SmallCnn" => new SmallCnn(inChannels, classes),
        "ResNet18" => ResNet.ResNet18(inChannels, classes),
        "ResNet20" => ResNet.ResNet20(inChannels, classes),
        "ResNet32" => ResNet.ResNet32(inChannels, classes),
        "ResNet56" => ResNet.ResNet56(inChannels, classes),
        _ => throw new ArgumentException(model),
    };

    private static nn.Module<Tensor, Tensor> Build(JsonElement c) =>
        Build(c.GetProperty("model").GetString()!, c.GetProperty("inChannels").GetInt32(), c.GetProperty("classes").GetInt32());

    private static (string Name, long[] Shape)[] Expected(JsonElement list) =>
        list.EnumerateArray().Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("shape").Longs())).ToArray();

    [Theory]
    [MemberData(nameof(Cases))]
    public void OutputShapeMatchesPyTorch(string label, int index)
    {
        var c = ReferenceData.Case("models.json", index);
        using var model = Build(c);
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int size = c.GetProperty("inputSize").GetInt32();
        var output = model.call(zeros(2, c.GetProperty("inChannels").GetInt32(), size, size));
        Assert.True(c.GetProperty("outputShape").Longs().SequenceEqual(output.shape), label);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ParametersMatchPyTorch(string label, int index)
    {
        var c = ReferenceData.Case("models.json", index);
        using var model = Build(c);
        Assert.Equal(c.GetProperty("parameterCount").GetInt64(), model.parameters().Sum(p => p.numel()));

        var expected = Expected(c.GetProperty("parameters"));
        var actual = model.named_parameters().Select(p => (p.name, p.parameter.shape)).ToArray();
        Assert.Equal(expected.Select(e => $"{e.Name} [{string.Join(",", e.Shape)}]"),
                     actual.Select(a => $"{a.name} [{string.Join(",", a.shape)}]"));
        _ = label;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BuffersMatchPyTorch(string label, int index)
    {
        var c = ReferenceData.Case("models.json", index);
        using var model = Build(c);
        var expected = Expected(c.GetProperty("buffers"));
        var actual = model.named_buffers().Select(b => (b.name, b.buffer.shape)).ToArray();
        Assert.Equal(expected.Select(e => $"{e.Name} [{string.Join(",", e.Shape)}]"),
                     actual.Select(a => $"{a.name} [{string.Join(",", a.shape)}]"));
        _ = label;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ResidualBranchNormsAreTheLastNormOfEachBlock(string label, int index)
    {
        var c = ReferenceData.Case("models.json", index);
        using var model = Build(c);
        int expectedCount = c.GetProperty("residualBranchNorms").GetInt32();
        if (model is not IResidualNorms residual)
        {
            Assert.Equal(0, expectedCount);
            return;
        }
        var norms = residual.ResidualBranchNorms.ToList();
        Assert.Equal(expectedCount, norms.Count);
        var bn2 = model.named_modules().Where(m => m.name.EndsWith(".bn2")).Select(m => m.module).ToList();
        Assert.Equal(bn2.Count, norms.Count);
        for (int i = 0; i < norms.Count; i++)
            Assert.Same(bn2[i], norms[i]);
        _ = label;
    }

    [Fact]
    public void ConvolutionsUseKaimingNormalFanOut()
    {
        // He et al. 2015: std = sqrt(2 / fan_out), fan_out = out_channels × k × k.
        using var model = ResNet.ResNet18(3, 10);
        var weight = model.named_parameters().Single(p => p.name == "layer3.0.conv1.weight").parameter;
        double expectedStd = Math.Sqrt(2.0 / (256 * 3 * 3));
        using var scope = NewDisposeScope();
        double std = weight.std().item<float>();
        double mean = weight.mean().item<float>();
        Assert.InRange(std, expectedStd * 0.98, expectedStd * 1.02);
        Assert.InRange(mean, -0.01 * expectedStd, 0.01 * expectedStd);
    }

    [Fact]
    public void SavedWeightsLoadIntoAFreshModel()
    {
        var path = Path.Combine(Path.GetTempPath(), $"traindsl-num-{Guid.NewGuid():N}.bin");
        try
        {
            using var scope = NewDisposeScope();
            var input = randn(2, 1, 28, 28);
            using var a = ResNet.ResNet20(1, 10);
            a.eval();
            var expected = a.call(input);
            a.save(path);

            using var b = ResNet.ResNet20(1, 10);
            b.load(path);
            b.eval();
            Assert.True(expected.allclose(b.call(input)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ModelsMoveToAnotherDType()
    {
        using var model = new SmallCnn(3, 10);
        model.to(ScalarType.Float64);
        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        using var scope = NewDisposeScope();
        model.eval();
        Assert.Equal(ScalarType.Float64, model.call(zeros(1, 3, 32, 32, dtype: ScalarType.Float64)).dtype);
    }

    [Fact]
    public void ForwardLeavesOnlyTheOutputInTheCallersScope()
    {
        using var model = ResNet.ResNet20(1, 10);
        using var scope = NewDisposeScope();
        var input = randn(2, 1, 28, 28);
        long before = scope.DisposablesCount;
        model.call(input);
        Assert.Equal(before + 1, scope.DisposablesCount);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmallCnn(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmallCnn(1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResNet.ResNet20(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResNet.ResNet18(3, 0));
    }
}
