using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using TorchSharp;
using TorchSharp.PyBridge;
using TrainDsl.Models;
using TrainDsl.Runs;
using TrainDsl.Tests.Numerics;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Runs;

/// <summary>
/// Weights both ways as safetensors. PyTorch -> TrainDsl: files saved by PyTorch from the same architectures
/// (tests/references/safetensors_models.py) give PyTorch's eval-mode logits. TrainDsl -> PyTorch: the file TrainDsl
/// writes has exactly PyTorch's state_dict names, shapes and dtypes (the key list comes from the same script) and
/// round-trips bitwise. A file that does not fit is one sentence naming the first mismatch.
/// </summary>
public class SafeTensorsCheckpointTests : IDisposable
{
    private const string References = "safetensors_models.json";
    private readonly string folder = Directory.CreateTempSubdirectory("traindsl-safetensors-").FullName;

    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    public static IEnumerable<object[]> Cases => ReferenceData.Cases(References, c => c.GetProperty("model").GetString()!);

    private static nn.Module<Tensor, Tensor> Build(string model, int inChannels = 1, int classes = 10) => model switch
    {
        "SmallCnn" => new SmallCnn(inChannels, classes),
        "ResNet20" => ResNet.ResNet20(inChannels, classes),
        _ => throw new ArgumentException(model),
    };

    private static string PyTorchFile(JsonElement c) =>
        Path.Combine(AppContext.BaseDirectory, "references", "safetensors", c.GetProperty("file").GetString()!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void PyTorchWeightsGivePyTorchLogits(string model, int index)
    {
        var c = ReferenceData.Case(References, index);
        var input = ReferenceData.Load(References).GetProperty("input");
        using var net = Build(model);
        Checkpoint.Load(net, PyTorchFile(c));
        net.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = tensor(input.GetProperty("values").Floats()).reshape(input.GetProperty("shape").Longs());
        var logits = net.call(x).data<float>().ToArray();
        var expected = c.GetProperty("logits").Doubles();
        Assert.Equal(expected.Length, logits.Length);
        for (int i = 0; i < logits.Length; i++)
            Assert.True(Math.Abs(logits[i] - expected[i]) <= 1e-5, $"{model} logit {i}: {logits[i]} vs PyTorch {expected[i]}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SavedFileHoldsPyTorchsStateDictKeys(string model, int index)
    {
        var c = ReferenceData.Case(References, index);
        using var net = Build(model);
        var path = Path.Combine(folder, "model.safetensors");
        Checkpoint.Save(net, path);

        var (header, dataLength, headerLength) = ReadHeader(path);
        var expected = c.GetProperty("stateDict").EnumerateArray()
            .Select(e => $"{e.GetProperty("name").GetString()} {e.GetProperty("dtype").GetString()} [{string.Join(",", e.GetProperty("shape").Longs())}]")
            .Order(StringComparer.Ordinal);
        var actual = header.EnumerateObject()
            .Where(p => p.Name != "__metadata__")
            .Select(p => $"{p.Name} {p.Value.GetProperty("dtype").GetString()} [{string.Join(",", p.Value.GetProperty("shape").Longs())}]")
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);

        // safetensors' loader wants the data ranges to tile the bytes after the header exactly, from 0.
        var ranges = header.EnumerateObject().Where(p => p.Name != "__metadata__")
            .Select(p => p.Value.GetProperty("data_offsets").Longs()).OrderBy(r => r[0]).ToList();
        long next = 0;
        foreach (var r in ranges)
        {
            Assert.Equal(next, r[0]);
            next = r[1];
        }
        Assert.Equal(new FileInfo(path).Length, 8 + headerLength + next);
        Assert.Equal(next, dataLength);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RoundTripIsBitwise(string model, int index)
    {
        _ = index;
        torch.manual_seed(1);
        using var saved = Build(model);
        using (var noGrad = no_grad())
        using (var scope = NewDisposeScope())
        {
            saved.train();
            saved.call(randn(4, 1, 28, 28)); // running statistics and num_batches_tracked off their defaults
        }
        var path = Path.Combine(folder, "model.safetensors");
        Checkpoint.Save(saved, path);

        torch.manual_seed(2);
        using var loaded = Build(model);
        Checkpoint.Load(loaded, path);
        var before = saved.state_dict();
        var after = loaded.state_dict();
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (name, tensor) in before)
        {
            Assert.Equal(tensor.dtype, after[name].dtype);
            Assert.True(tensor.bytes.SequenceEqual(after[name].bytes), $"{model}.{name} differs after the round trip");
        }
    }

    [Fact]
    public void RunFolderFileIsNamedForPyTorch() => Assert.Equal("model.safetensors", RunFolder.SafeTensorsFile);

    [Fact]
    public void TruncatedFileIsCalledTruncated()
    {
        var source = PyTorchFile(ReferenceData.Case(References, 1));
        var path = Path.Combine(folder, "cut.safetensors");
        var bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 1000)]);
        using var net = ResNet.ResNet20(1, 10);
        var e = Assert.Throws<TrainDslException>(() => Checkpoint.Load(net, path));
        Assert.Equal($"Checkpoint '{path}' is truncated ({bytes.Length - 1000:N0} of the {bytes.Length:N0} bytes its header lists); restore it from a backup or save it again.", e.Message);

        File.WriteAllBytes(path, bytes[..5]);
        e = Assert.Throws<TrainDslException>(() => Checkpoint.Load(net, path));
        Assert.Contains("is truncated (5 of the 8 bytes", e.Message);
    }

    [Fact]
    public void MissingNameIsNamed()
    {
        using var source = ResNet.ResNet20(1, 10);
        var path = Write(source, drop: "layer3.2.bn2.running_var");
        using var net = ResNet.ResNet20(1, 10);
        var e = Assert.Throws<TrainDslException>(() => Checkpoint.Load(net, path));
        Assert.Equal($"Checkpoint '{path}' lacks layer3.2.bn2.running_var, which ResNet20 needs; save the state_dict() of the same architecture, without renaming its entries.", e.Message);
    }

    [Fact]
    public void ExtraNameIsNamed()
    {
        using var source = ResNet.ResNet20(1, 10);
        var path = Write(source, add: ("head.weight", zeros(3)));
        using var net = ResNet.ResNet20(1, 10);
        var e = Assert.Throws<TrainDslException>(() => Checkpoint.Load(net, path));
        Assert.Equal($"Checkpoint '{path}' holds head.weight, which ResNet20 does not have; save the state_dict() of the same architecture, without renaming its entries.", e.Message);
    }

    [Fact]
    public void DistributedDataParallelPrefixIsExplained()
    {
        using var source = new SmallCnn(1, 10);
        var path = Write(source, prefix: "module.");
        using var net = new SmallCnn(1, 10);
        var e = Assert.Throws<TrainDslException>(() => Checkpoint.Load(net, path));
        Assert.Equal($"Checkpoint '{path}' lacks features.0.weight, which SmallCnn needs; save model.module.state_dict(), without the 'module.' prefix DistributedDataParallel adds.", e.Message);
    }

    [Fact]
    public void ShapeMismatchIsNamed()
    {
        // PyTorch's ResNet20 for 10 classes into one built for 100.
        var source = PyTorchFile(ReferenceData.Case(References, 1));
        using var net = ResNet.ResNet20(1, 100);
        var e = Assert.Throws<TrainDslException>(() => Checkpoint.Load(net, source));
        Assert.Equal($"Checkpoint '{source}' holds fc.weight as [10, 64], but ResNet20's is [100, 64]; save the weights of the same architecture built for this experiment's input channels and classes.", e.Message);
    }

    [Fact]
    public void IntegerForAFloatIsRefused()
    {
        using var source = new SmallCnn(1, 10);
        var path = Write(source, convert: (name, t) => name == "classifier.3.bias" ? t.to(int64) : t);
        using var net = new SmallCnn(1, 10);
        var e = Assert.Throws<TrainDslException>(() => Checkpoint.Load(net, path));
        Assert.Equal($"Checkpoint '{path}' holds classifier.3.bias as I64, but SmallCnn's is float32; save the state_dict() of the same architecture without changing its dtypes.", e.Message);
    }

    [Theory]
    [InlineData(ScalarType.Float16)]
    [InlineData(ScalarType.BFloat16)]
    [InlineData(ScalarType.Float64)]
    public void OtherFloatTypesAreConvertedToFloat32(ScalarType dtype)
    {
        torch.manual_seed(3);
        using var source = ResNet.ResNet20(1, 10);
        var path = Write(source, convert: (_, t) => t.is_floating_point() ? t.to(dtype) : t);
        using var net = ResNet.ResNet20(1, 10);
        Checkpoint.Load(net, path);
        var expected = source.state_dict();
        foreach (var (name, tensor) in net.state_dict())
        {
            Assert.Equal(expected[name].dtype, tensor.dtype);
            using var rounded = expected[name].is_floating_point() ? expected[name].to(dtype).to(expected[name].dtype) : expected[name].clone();
            Assert.True(rounded.bytes.SequenceEqual(tensor.bytes), $"{name} is not the {dtype} value rounded to float32");
        }
    }

    [Fact]
    public void TorchSharpFileNamedSafetensorsIsRefused()
    {
        using var net = new SmallCnn(1, 10);
        var path = Path.Combine(folder, "model.safetensors");
        net.save(path);
        var e = Assert.Throws<TrainDslException>(() => Checkpoint.Load(net, path));
        Assert.StartsWith($"Checkpoint '{path}' is not a safetensors file (", e.Message);
    }

    [Fact]
    public void MissingFileSaysSo()
    {
        using var net = new SmallCnn(1, 10);
        var path = Path.Combine(folder, "none.safetensors");
        var e = Assert.Throws<TrainDslException>(() => Checkpoint.Load(net, path));
        Assert.StartsWith($"Checkpoint '{path}' does not exist;", e.Message);
    }

    // A safetensors file of the model's state_dict, edited: one entry dropped, one added, names prefixed, dtypes changed.
    private string Write(nn.Module model, string? drop = null, (string Name, Tensor Value)? add = null, string prefix = "",
        Func<string, Tensor, Tensor>? convert = null)
    {
        using var scope = NewDisposeScope();
        var state = new Dictionary<string, Tensor>();
        foreach (var (name, tensor) in model.state_dict())
            if (name != drop) state[prefix + name] = convert is null ? tensor : convert(name, tensor);
        if (add is { } extra) state[extra.Name] = extra.Value;
        var path = Path.Combine(folder, $"edited-{Guid.NewGuid():N}.safetensors");
        using var stream = File.Create(path);
        Safetensors.SaveStateDict(stream, state, leaveOpen: true);
        return path;
    }

    // The header read independently of the code under test: 8-byte little-endian length, then JSON.
    private static (JsonElement Header, long DataLength, long HeaderLength) ReadHeader(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var length = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)length));
        return (doc.RootElement.Clone(), bytes.Length - 8 - length, length);
    }
}
