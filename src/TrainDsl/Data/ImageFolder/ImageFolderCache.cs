using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using static TorchSharp.torch;

namespace TrainDsl.Data.ImageFolder;

/// <summary>
/// An image folder decoded once to uint8 pixels, memory-mapped on every later load. Layout (little-endian):
/// <code>
///    0    8  magic "TDFolder"          40    8  index length L
///    8    4  format version (1)        48   32  key: SHA-256 of the settings and every file's path, size and time
///   12    4  channels C                80   32  checksum (below)
///   16    4  size S (H = W = S)       112      zeros up to 4096 (the pixels start on a page)
///   20    4  classes K               4096      train rows then test rows, each class by class in path order,
///   24    8  train rows                        C·S·S bytes a row
///   32    8  test rows                 then     the index (<see cref="CacheContents"/>), L bytes
/// </code>
/// Checked on every open, in this order: magic and version; sizes that make sense; the file length equals what the
/// header promises (a truncated or padded file fails); the checksum, SHA-256 over the header page (its checksum field
/// zeroed), the index and the pixels; the key. The pixels are hashed whole when they take at most 16 MiB, else as
/// 256 pages of 4 KiB spread evenly over them: hashing every pixel would read the whole file at every start, which
/// for a cache larger than RAM means re-reading it from disk each run, the cost the mapping exists to avoid; the
/// samples catch a file cut, zeroed or overwritten in large parts, not a single flipped pixel deep inside.
/// </summary>
internal sealed class ImageFolderCache
{
    public const int FormatVersion = 1;
    public const int HeaderBytes = 4096;
    const int KeyOffset = 48, ChecksumOffset = 80, HashBytes = 32;
    const long WholeCheckLimit = 16L << 20;
    const int SamplePages = 256, PageBytes = 4096;
    static ReadOnlySpan<byte> Magic => "TDFolder"u8;

    ImageFolderCache(string path, int channels, int size, long length, CacheContents contents, byte[] checksum)
    {
        Path = path; Channels = channels; Size = size; Length = length; Contents = contents; Checksum = checksum;
    }

    public string Path { get; }
    public int Channels { get; }
    public int Size { get; }
    public long Length { get; }
    public CacheContents Contents { get; }
    byte[] Checksum { get; }
    long RowBytes => (long)Channels * Size * Size;

    /// <summary>The cache, or null when the file is missing (problem null) or unusable (problem says why).</summary>
    public static ImageFolderCache? TryOpen(string path, ReadOnlySpan<byte> key, out string? problem)
    {
        problem = null;
        if (!File.Exists(path)) return null;
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            long length = RandomAccess.GetLength(file);
            var head = new byte[HeaderBytes];
            if (length < HeaderBytes || RandomAccess.Read(file, head, 0) != HeaderBytes || !head.AsSpan(0, 8).SequenceEqual(Magic))
                return Fail(out problem, "it does not start with a TrainDsl image-folder cache header");
            if (Int(head, 8) != FormatVersion)
                return Fail(out problem, "it was written by another cache format version");
            int channels = Int(head, 12), size = Int(head, 16), classes = Int(head, 20);
            long trainRows = Long(head, 24), testRows = Long(head, 32), indexLength = Long(head, 40);
            if (channels is not (1 or 3) || size is < 1 or > 1 << 16 || classes < 1 || trainRows < 0 || testRows < 0
                || indexLength is < 0 or > 1L << 30 || trainRows + testRows > (length - HeaderBytes) / ((long)channels * size * size))
                return Fail(out problem, "its header holds impossible sizes");
            long payload = (trainRows + testRows) * channels * size * size;
            long expected = HeaderBytes + payload + indexLength;
            if (length != expected)
                return Fail(out problem, $"it has {length:N0} bytes where its header promises {expected:N0}");
            var index = new byte[indexLength];
            ReadExactly(file, index, HeaderBytes + payload);
            if (!ComputeChecksum(file, head, index, payload).AsSpan().SequenceEqual(head.AsSpan(ChecksumOffset, HashBytes)))
                return Fail(out problem, "its checksum does not match its content, so it is damaged");
            if (!head.AsSpan(KeyOffset, HashBytes).SequenceEqual(key))
                return Fail(out problem, "it was decoded from another state of the folder (an image was added, removed or changed since)");
            CacheContents contents;
            try { contents = CacheContents.FromBytes(index); }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
            {
                return Fail(out problem, "its index cannot be read");
            }
            if (contents.ClassNames.Count != classes || contents.TrainRows != trainRows || contents.TestRows != testRows
                || contents.Mean.Length != channels)
                return Fail(out problem, "its index disagrees with its header");
            return new ImageFolderCache(path, channels, size, length, contents, head[ChecksumOffset..(ChecksumOffset + HashBytes)]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(out problem, $"it cannot be read ({e.Message})");
        }
    }

    static ImageFolderCache? Fail(out string? problem, string why) { problem = why; return null; }

    /// <summary>
    /// Completes a cache whose <paramref name="contents"/>' rows are at <see cref="HeaderBytes"/> in
    /// <paramref name="file"/>: appends the index, cuts the file there, and writes the header with key and checksum.
    /// </summary>
    public static void Finish(FileStream file, ReadOnlySpan<byte> key, int channels, int size, CacheContents contents)
    {
        long payload = (contents.TrainRows + contents.TestRows) * channels * size * size;
        var index = contents.ToBytes();
        var handle = file.SafeFileHandle;
        RandomAccess.Write(handle, index, HeaderBytes + payload);
        file.SetLength(HeaderBytes + payload + index.Length);
        var head = new byte[HeaderBytes];
        Magic.CopyTo(head);
        BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(8), FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(12), channels);
        BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(16), size);
        BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(20), contents.ClassNames.Count);
        BinaryPrimitives.WriteInt64LittleEndian(head.AsSpan(24), contents.TrainRows);
        BinaryPrimitives.WriteInt64LittleEndian(head.AsSpan(32), contents.TestRows);
        BinaryPrimitives.WriteInt64LittleEndian(head.AsSpan(40), index.Length);
        key.CopyTo(head.AsSpan(KeyOffset));
        ComputeChecksum(handle, head, index, payload).CopyTo(head.AsSpan(ChecksumOffset));
        RandomAccess.Write(handle, head, 0);
    }

    /// <summary>SHA-256 of the header (checksum field as zeros), the index, and all pixels or evenly spread pages of them.</summary>
    static byte[] ComputeChecksum(SafeFileHandle file, byte[] head, byte[] index, long payload)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var header = (byte[])head.Clone();
        header.AsSpan(ChecksumOffset, HashBytes).Clear();
        hash.AppendData(header);
        hash.AppendData(index);
        var page = new byte[payload <= WholeCheckLimit ? Math.Max(payload, 1) : PageBytes];
        if (payload <= WholeCheckLimit)
        {
            ReadExactly(file, page.AsSpan(0, (int)payload), HeaderBytes);
            hash.AppendData(page, 0, (int)payload);
        }
        else
        {
            for (long i = 0; i < SamplePages; i++)
            {
                ReadExactly(file, page, HeaderBytes + i * (payload - PageBytes) / (SamplePages - 1));
                hash.AppendData(page);
            }
        }
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// uint8 [N, C, S, S] train and test tensors over the file's pages, not copies: torch.from_file maps the file
    /// privately (copy-on-write: a write to a tensor changes no byte of the file), and the mapping lives as long as
    /// any tensor viewing it, so disposing both results unmaps it. The tensors belong to no dispose scope.
    /// Throws <see cref="IOException"/> when the file was replaced since it was checked.
    /// </summary>
    public (Tensor Train, Tensor Test) Map()
    {
        using var scope = NewDisposeScope();
        var file = from_file(Path, shared: false, size: Length, dtype: ScalarType.Byte);
        using var stored = file.narrow(0, ChecksumOffset, HashBytes).data<byte>();
        var mapped = stored.ToArray();
        if (!mapped.AsSpan().SequenceEqual(Checksum))
            throw new IOException($"The cache '{Path}' was replaced while it was being opened.");
        long train = Contents.TrainRows, test = Contents.TestRows;
        var trainImages = file.narrow(0, HeaderBytes, train * RowBytes).view(train, Channels, Size, Size);
        var testImages = file.narrow(0, HeaderBytes + train * RowBytes, test * RowBytes).view(test, Channels, Size, Size);
        scope.Detach(trainImages, testImages);
        return (trainImages, testImages);
    }

    static int Int(byte[] b, int at) => BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(at));
    static long Long(byte[] b, int at) => BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(at));

    static void ReadExactly(SafeFileHandle file, Span<byte> buffer, long at)
    {
        while (!buffer.IsEmpty)
        {
            int read = RandomAccess.Read(file, buffer, at);
            if (read == 0) throw new EndOfStreamException("The file ended early.");
            buffer = buffer[read..]; at += read;
        }
    }
}
