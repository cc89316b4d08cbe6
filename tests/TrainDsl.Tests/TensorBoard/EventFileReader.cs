using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace TrainDsl.Tests.TensorBoard;

/// <summary>
/// A TensorBoard event file read without the writer's code: the TFRecord framing and both masked CRC32Cs checked
/// (System.IO.Hashing's CRC-32C, not TorchSharp's), and the Event protos decoded field by field from the
/// protobuf wire format (tensorflow/core/util/event.proto, framework/summary.proto).
/// </summary>
internal static class EventFileReader
{
    /// <summary>One summary value: its tag, the step of its event, and its simple_value or plugin content.</summary>
    public sealed record Value(long Step, double WallTime, string Tag, float? Simple, string? Plugin, byte[]? Content);

    public sealed record Contents(string? FileVersion, double FirstWallTime, IReadOnlyList<Value> Values);

    public static Contents Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var values = new List<Value>();
        string? version = null;
        double firstWallTime = double.NaN;
        int at = 0;
        while (at < bytes.Length)
        {
            if (bytes.Length - at < 12) throw new InvalidDataException($"{path}: a record header is cut at byte {at}");
            var header = bytes.AsSpan(at, 8);
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(header);
            uint headerCrc = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8, 4));
            if (headerCrc != MaskedCrc32C(header)) throw new InvalidDataException($"{path}: the length CRC at byte {at} is wrong");
            int start = at + 12;
            if ((ulong)(bytes.Length - start) < length + 4) throw new InvalidDataException($"{path}: the record at byte {at} is cut");
            var data = bytes.AsSpan(start, (int)length);
            uint dataCrc = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(start + (int)length, 4));
            if (dataCrc != MaskedCrc32C(data)) throw new InvalidDataException($"{path}: the data CRC of the record at byte {at} is wrong");
            DecodeEvent(data.ToArray(), values, ref version, ref firstWallTime);
            at = start + (int)length + 4;
        }
        return new Contents(version, firstWallTime, values);
    }

    /// <summary>TFRecord's mask: rotate right by 15 bits, add 0xa282ead8.</summary>
    public static uint MaskedCrc32C(ReadOnlySpan<byte> data)
    {
        uint crc = Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, data);
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
    }

    // Event { double wall_time = 1; int64 step = 2; oneof what { string file_version = 3; ... Summary summary = 5; } }
    private static void DecodeEvent(byte[] data, List<Value> values, ref string? version, ref double firstWallTime)
    {
        double wall = 0;
        long step = 0;
        var summaries = new List<byte[]>();
        foreach (var (field, wire, number, bytes) in Fields(data))
        {
            switch (field)
            {
                case 1 when wire == 1: wall = BitConverter.Int64BitsToDouble((long)number); break;
                case 2 when wire == 0: step = (long)number; break;
                case 3 when wire == 2: version = Encoding.UTF8.GetString(bytes!); break;
                case 5 when wire == 2: summaries.Add(bytes!); break;
            }
        }
        if (double.IsNaN(firstWallTime)) firstWallTime = wall;
        // Summary { repeated Value value = 1; }
        foreach (var summary in summaries)
            foreach (var (field, wire, _, bytes) in Fields(summary))
                if (field == 1 && wire == 2) values.Add(DecodeValue(bytes!, step, wall));
    }

    // Value { string tag = 1; float simple_value = 2; SummaryMetadata metadata = 9; ... }
    // SummaryMetadata { PluginData plugin_data = 1; }  PluginData { string plugin_name = 1; bytes content = 2; }
    private static Value DecodeValue(byte[] data, long step, double wall)
    {
        string tag = "";
        float? simple = null;
        string? plugin = null;
        byte[]? content = null;
        foreach (var (field, wire, number, bytes) in Fields(data))
        {
            if (field == 1 && wire == 2) tag = Encoding.UTF8.GetString(bytes!);
            else if (field == 2 && wire == 5) simple = BitConverter.Int32BitsToSingle((int)number);
            else if (field == 9 && wire == 2)
                foreach (var (f, w, _, pluginData) in Fields(bytes!))
                    if (f == 1 && w == 2)
                        foreach (var (pf, pw, _, pb) in Fields(pluginData!))
                        {
                            if (pf == 1 && pw == 2) plugin = Encoding.UTF8.GetString(pb!);
                            if (pf == 2 && pw == 2) content = pb;
                        }
        }
        return new Value(step, wall, tag, simple, plugin, content);
    }

    /// <summary>
    /// The fields of a protobuf message: number, wire type, and the varint / fixed value (wire 0, 1, 5) or the
    /// bytes (wire 2).
    /// </summary>
    public static IEnumerable<(int Field, int Wire, ulong Number, byte[]? Bytes)> Fields(byte[] message)
    {
        int at = 0;
        while (at < message.Length)
        {
            ulong key = Varint(message, ref at);
            int field = (int)(key >> 3), wire = (int)(key & 7);
            switch (wire)
            {
                case 0: yield return (field, wire, Varint(message, ref at), null); break;
                case 1: yield return (field, wire, BinaryPrimitives.ReadUInt64LittleEndian(message.AsSpan(at, 8)), null); at += 8; break;
                case 5: yield return (field, wire, BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(at, 4)), null); at += 4; break;
                case 2:
                    int length = (int)Varint(message, ref at);
                    yield return (field, wire, 0, message.AsSpan(at, length).ToArray());
                    at += length;
                    break;
                default: throw new InvalidDataException($"wire type {wire} of field {field} is not one an Event uses");
            }
        }
    }

    private static ulong Varint(byte[] data, ref int at)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = data[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
    }
}
