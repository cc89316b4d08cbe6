using System.Buffers.Binary;
using System.IO.Hashing;

namespace TrainDsl.Tests.Plots;

/// <summary>A PNG's size, read from its signature and IHDR chunk (whose CRC-32 is checked) without an image library.</summary>
internal static class PngFile
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height) Size(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(Signature), $"{path} does not start with the PNG signature");
        Assert.Equal(13u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8, 4)));
        Assert.True(bytes.AsSpan(12, 4).SequenceEqual("IHDR"u8), $"{path}: the first chunk is not IHDR");
        uint crc = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(29, 4));
        Assert.Equal(Crc32.HashToUInt32(bytes.AsSpan(12, 17)), crc); // chunk type + data
        Assert.True(bytes.AsSpan(bytes.Length - 12).SequenceEqual(new byte[] { 0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82 }),
            $"{path} does not end with the IEND chunk");
        return ((int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16, 4)), (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20, 4)));
    }
}
