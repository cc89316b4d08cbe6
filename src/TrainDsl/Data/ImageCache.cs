using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using static TorchSharp.torch;

namespace TrainDsl.Data;

/// <summary>
/// The compact binary cache a downloaded package is converted into once. Layout (little-endian):
/// <code>
///  0  8  magic "TrainDsl"        24  4  classes K
///  8  4  format version (2)      28  4  records skipped during conversion
/// 12  4  channels C              32 32  sha256 of the source package
/// 16  4  height H                64 32  sha256 of the content: every byte after the header
/// 20  4  width W                 96 4K  images per class (int32)
///                                then N·C·H·W uint8 pixels, grouped by class ascending,
///                                      in the package's order within each class
/// </code>
/// The file length must equal the header's promise, so a truncated file is detected, and the content must match
/// its sha256, so a damaged one is too (at the cost of reading the whole file once per load); files are
/// written to a temp name and renamed, so readers never see a half-written cache.
/// </summary>
internal sealed class ImageCache
{
    /// <summary>The format version, also part of the file name (see IdxDataset.CachePath), so libraries that write
    /// different versions can share one data folder.</summary>
    public const int Version = 2;
    const int FixedHeader = 96;
    static ReadOnlySpan<byte> Magic => "TrainDsl"u8;

    ImageCache(string path, int channels, int height, int width, long[] classCounts, int skipped, string sourceSha)
    {
        Path = path; Channels = channels; Height = height; Width = width;
        ClassCounts = classCounts; Skipped = skipped; SourceSha = sourceSha;
    }

    public string Path { get; }
    public int Channels { get; }
    public int Height { get; }
    public int Width { get; }
    public long[] ClassCounts { get; }
    public int Skipped { get; }
    public string SourceSha { get; }
    public long Count => ClassCounts.Sum();
    long ImageBytes => (long)Channels * Height * Width;
    long DataOffset => FixedHeader + 4L * ClassCounts.Length;

    /// <summary>First row of class c in the file.</summary>
    public long ClassStart(int c) => ClassCounts.Take(c).Sum();

    /// <summary>
    /// Reads the header; null when the file is missing (problem null) or unusable (problem says why:
    /// bad magic/version, another source package, or a length that disagrees with the header).
    /// </summary>
    public static ImageCache? TryOpen(string path, string expectedSha, out string? problem)
    {
        problem = null;
        if (!File.Exists(path)) return null;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            long length = RandomAccess.GetLength(handle);
            Span<byte> head = stackalloc byte[FixedHeader];
            if (length < FixedHeader || RandomAccess.Read(handle, head, 0) != FixedHeader || !head[..8].SequenceEqual(Magic))
                return Fail(out problem, "it does not start with a TrainDsl cache header");
            if (BinaryPrimitives.ReadInt32LittleEndian(head[8..]) != Version)
                return Fail(out problem, "it was written by another cache format version");
            int channels = BinaryPrimitives.ReadInt32LittleEndian(head[12..]);
            int height = BinaryPrimitives.ReadInt32LittleEndian(head[16..]);
            int width = BinaryPrimitives.ReadInt32LittleEndian(head[20..]);
            int classes = BinaryPrimitives.ReadInt32LittleEndian(head[24..]);
            int skipped = BinaryPrimitives.ReadInt32LittleEndian(head[28..]);
            var sha = Convert.ToHexStringLower(head.Slice(32, 32));
            if (channels < 1 || height < 1 || width < 1 || classes < 1 || classes > 65536 || skipped < 0)
                return Fail(out problem, "its header holds impossible sizes");
            if (!string.Equals(sha, expectedSha, StringComparison.OrdinalIgnoreCase))
                return Fail(out problem, "it was converted from another package");
            var countBytes = new byte[4 * classes];
            if (length < FixedHeader + countBytes.Length || RandomAccess.Read(handle, countBytes, FixedHeader) != countBytes.Length)
                return Fail(out problem, "it is truncated inside its header");
            var counts = new long[classes];
            for (int c = 0; c < classes; c++)
            {
                counts[c] = BinaryPrimitives.ReadInt32LittleEndian(countBytes.AsSpan(4 * c));
                if (counts[c] < 0) return Fail(out problem, "its header holds a negative class count");
            }
            var cache = new ImageCache(path, channels, height, width, counts, skipped, sha);
            long expected = cache.DataOffset + cache.Count * cache.ImageBytes;
            if (length != expected)
                return Fail(out problem, $"it has {length:N0} bytes where its header promises {expected:N0}");
            if (!ContentHash(handle, length).AsSpan().SequenceEqual(head.Slice(64, 32)))
                return Fail(out problem, "its content does not match its sha256, so it was damaged after it was written");
            return cache;
        }
        catch (IOException e) { return Fail(out problem, $"it cannot be read ({e.Message})"); }
    }

    static ImageCache? Fail(out string? problem, string why) { problem = why; return null; }

    // sha256 of every byte after the fixed header, read in 1 MB blocks.
    static byte[] ContentHash(SafeFileHandle handle, long length)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        for (long at = FixedHeader; at < length;)
        {
            int read = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, length - at)), at);
            if (read == 0) throw new IOException("the file ended early");
            sha.AppendData(buffer.AsSpan(0, read));
            at += read;
        }
        return sha.GetHashAndReset();
    }

    /// <summary>Writes a cache atomically: a temp file in the same folder, flushed, then renamed over the target.</summary>
    public static void Write(string path, int channels, int height, int width, long[] classCounts, int skipped,
        string sourceSha, ReadOnlyMemory<byte> images)
    {
        if (images.Length != classCounts.Sum() * channels * height * width)
            throw new ArgumentException("The pixel buffer does not match the class counts and image size.", nameof(images));
        AtomicFile.Write(path, file =>
        {
            Span<byte> head = stackalloc byte[FixedHeader];
            head.Clear();
            Magic.CopyTo(head);
            BinaryPrimitives.WriteInt32LittleEndian(head[8..], Version);
            BinaryPrimitives.WriteInt32LittleEndian(head[12..], channels);
            BinaryPrimitives.WriteInt32LittleEndian(head[16..], height);
            BinaryPrimitives.WriteInt32LittleEndian(head[20..], width);
            BinaryPrimitives.WriteInt32LittleEndian(head[24..], classCounts.Length);
            BinaryPrimitives.WriteInt32LittleEndian(head[28..], skipped);
            Convert.FromHexString(sourceSha).CopyTo(head[32..]);
            var counts = new byte[4 * classCounts.Length];
            for (int c = 0; c < classCounts.Length; c++)
                BinaryPrimitives.WriteInt32LittleEndian(counts.AsSpan(4 * c), checked((int)classCounts[c]));
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                sha.AppendData(counts);
                sha.AppendData(images.Span);
                sha.GetHashAndReset(head.Slice(64, 32));
            }
            file.Write(head);
            file.Write(counts);
            file.Write(images.Span);
        });
    }

    /// <summary>
    /// uint8 [Σcount, C, H, W] tensor of the given row ranges, read from the file straight into the
    /// tensor's memory (no intermediate buffer).
    /// </summary>
    public Tensor ReadRows(IReadOnlyList<(long FirstRow, long Count)> ranges)
    {
        long rows = ranges.Sum(r => r.Count);
        var images = empty(new long[] { rows, Channels, Height, Width }, ScalarType.Byte);
        try
        {
            using var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            var target = images.bytes;
            long at = 0;
            foreach (var (first, count) in ranges)
            {
                if (first < 0 || count < 0 || first + count > Count)
                    throw new ArgumentOutOfRangeException(nameof(ranges), $"Rows {first}..{first + count} are outside the cache's {Count} rows.");
                ReadExactly(handle, target.Slice(checked((int)(at * ImageBytes)), checked((int)(count * ImageBytes))),
                    DataOffset + first * ImageBytes);
                at += count;
            }
            return images;
        }
        catch { images.Dispose(); throw; }
    }

    void ReadExactly(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            int read = RandomAccess.Read(handle, buffer, offset);
            if (read == 0)
                throw new InvalidDataException($"The cache file '{Path}' was truncated while being read; delete it and load again to rebuild it.");
            buffer = buffer[read..];
            offset += read;
        }
    }
}
