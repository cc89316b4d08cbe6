using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace TrainDsl.Runs;

/// <summary>
/// Weights as safetensors, the file PyTorch reads with <c>model.load_state_dict(safetensors.torch.load_file(path))</c>:
/// an 8-byte little-endian header length, a JSON header <c>{name: {dtype, shape, data_offsets}}</c>, then the raw
/// little-endian bytes. The names are the module's state_dict names, which for the built-in models are PyTorch's
/// (conv1.weight, layer1.0.bn1.running_mean, fc.bias; num_batches_tracked as int64). TorchSharp.PyBridge reads and
/// writes the bytes; this class checks a file against the model first, so a mismatch is one sentence naming it.
/// </summary>
internal static class SafeTensorsCheckpoint
{
    public const string Extension = ".safetensors";

    // The header is read whole into memory; a real one is a few kB per hundred tensors.
    private const long MaxHeaderBytes = 100L * 1024 * 1024;

    /// <summary>Whether <paramref name="path"/> names a safetensors file (by its extension, as PyTorch's tools do).</summary>
    public static bool Is(string path) => path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes the model's state_dict to <paramref name="path"/> (not atomically: <see cref="Checkpoint.Save"/> stages it).</summary>
    public static void Write(nn.Module model, string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Safetensors.SaveStateDict(stream, model.state_dict(), leaveOpen: true);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Loads <paramref name="path"/> into <paramref name="model"/> after checking that it holds exactly the model's
    /// state_dict names with the same shapes. A float64, float16 or bfloat16 tensor for a float32 one is converted to
    /// float32, as PyTorch's load_state_dict does (exactly for the 16-bit types, rounded to nearest for float64); any
    /// other dtype difference (an integer for a float, or the reverse) is refused.
    /// </summary>
    public static void Load(nn.Module model, string path)
    {
        var header = ReadHeader(path);
        var state = model.state_dict();
        var architecture = model.GetName();
        foreach (var (name, tensor) in state)
        {
            if (!header.TryGetValue(name, out var entry))
                throw Refuse(path, $"lacks {name}, which {architecture} needs", SameArchitecture(header.Keys));
            if (!entry.Shape.SequenceEqual(tensor.shape))
                throw Refuse(path, $"holds {name} as {Shape(entry.Shape)}, but {architecture}'s is {Shape(tensor.shape)}",
                    "save the weights of the same architecture built for this experiment's input channels and classes");
            if (!Fits(entry.DType, tensor.dtype))
                throw Refuse(path, $"holds {name} as {entry.DType}, but {architecture}'s is {tensor.dtype.ToString().ToLowerInvariant()}",
                    "save the state_dict() of the same architecture without changing its dtypes");
        }
        foreach (var name in header.Keys)
            if (!state.ContainsKey(name))
                throw Refuse(path, $"holds {name}, which {architecture} does not have", SameArchitecture(header.Keys));

        Dictionary<string, Tensor> loaded;
        try
        {
            using var stream = File.OpenRead(path);
            loaded = Safetensors.LoadStateDict(stream, leaveOpen: false, keysToKeep: [.. state.Keys]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrainDslException($"Cannot read checkpoint '{path}' ({e.Message.TrimEnd('.')}); make the file readable.", e);
        }
        try
        {
            using var noGrad = no_grad();
            foreach (var (name, target) in state)
                target.copy_(loaded[name]); // converts a 16- or 64-bit float to the parameter's float32
        }
        finally
        {
            foreach (var tensor in loaded.Values) tensor.Dispose();
        }
    }

    /// <summary>The names, shapes and dtypes in <paramref name="path"/>'s header, after checking the file holds every byte it lists.</summary>
    internal static Dictionary<string, Entry> ReadHeader(string path)
    {
        if (!File.Exists(path))
            throw new TrainDslException($"Checkpoint '{path}' does not exist; pass the model.safetensors of a finished run, or a file saved with safetensors' save_file, with --checkpoint.");
        byte[] json;
        long length;
        try
        {
            using var stream = File.OpenRead(path);
            length = stream.Length;
            Span<byte> prefix = stackalloc byte[8];
            if (length < 8 || stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8)
                throw Truncated(path, length, 8);
            var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
            if (headerLength > MaxHeaderBytes)
                throw NotSafeTensors(path, "its first 8 bytes give a header length of " + headerLength.ToString("N0", CultureInfo.InvariantCulture) + " bytes");
            if (8 + (long)headerLength > length)
                throw Truncated(path, length, 8 + (long)headerLength);
            json = new byte[headerLength];
            stream.ReadExactly(json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrainDslException($"Cannot read checkpoint '{path}' ({e.Message.TrimEnd('.')}); make the file readable.", e);
        }

        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        long dataEnd = 0;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw NotSafeTensors(path, "its header is not a JSON object");
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__") continue; // free-form strings, not a tensor
                var value = property.Value;
                var dtype = value.GetProperty("dtype").GetString() ?? "";
                var shape = value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                var offsets = value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                if (ElementSize(dtype) is not { } size)
                    throw Refuse(path, $"holds {property.Name} as {dtype}, which TrainDsl does not read",
                        "save it as F32 (float32), F64, F16, BF16 or an integer type");
                if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] - offsets[0] != shape.Aggregate(1L, (a, d) => a * d) * size)
                    throw NotSafeTensors(path, $"the byte range of {property.Name} does not match its shape and dtype");
                entries[property.Name] = new Entry(dtype, shape);
                dataEnd = Math.Max(dataEnd, offsets[1]);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw NotSafeTensors(path, "its header is not safetensors JSON", e);
        }
        long needed = 8 + json.Length + dataEnd;
        if (length < needed)
            throw Truncated(path, length, needed);
        return entries;
    }

    /// <summary>One tensor of the header: its safetensors dtype (F32, I64, ...) and shape.</summary>
    internal sealed record Entry(string DType, long[] Shape);

    private static int? ElementSize(string dtype) => dtype switch
    {
        "F64" or "I64" => 8,
        "F32" or "I32" => 4,
        "F16" or "BF16" or "I16" => 2,
        "I8" or "U8" or "BOOL" => 1,
        _ => null,
    };

    private static bool Fits(string dtype, ScalarType target) => target switch
    {
        ScalarType.Float32 or ScalarType.Float64 or ScalarType.Float16 or ScalarType.BFloat16 => dtype is "F32" or "F64" or "F16" or "BF16",
        ScalarType.Int64 => dtype == "I64",
        ScalarType.Int32 => dtype == "I32",
        ScalarType.Int16 => dtype == "I16",
        ScalarType.Int8 => dtype == "I8",
        ScalarType.Byte => dtype == "U8",
        ScalarType.Bool => dtype == "BOOL",
        _ => false,
    };

    // DistributedDataParallel's state_dict prefixes every name with "module.": the likeliest cause of a name mismatch.
    private static string SameArchitecture(IEnumerable<string> names) =>
        names.Any(n => n.StartsWith("module.", StringComparison.Ordinal))
            ? "save model.module.state_dict(), without the 'module.' prefix DistributedDataParallel adds"
            : "save the state_dict() of the same architecture, without renaming its entries";

    private static string Shape(IEnumerable<long> shape) => "[" + string.Join(", ", shape) + "]";

    private static TrainDslException Refuse(string path, string what, string fix) => new($"Checkpoint '{path}' {what}; {fix}.");

    private static TrainDslException Truncated(string path, long length, long needed) => new(string.Create(CultureInfo.InvariantCulture,
        $"Checkpoint '{path}' is truncated ({length:N0} of the {needed:N0} bytes its header lists); restore it from a backup or save it again."));

    private static TrainDslException NotSafeTensors(string path, string why) => new(NotSafeTensorsMessage(path, why));

    private static TrainDslException NotSafeTensors(string path, string why, Exception inner) => new(NotSafeTensorsMessage(path, why), inner);

    private static string NotSafeTensorsMessage(string path, string why) =>
        $"Checkpoint '{path}' is not a safetensors file ({why}); pass a file written by a TrainDsl run or by safetensors' save_file.";
}
