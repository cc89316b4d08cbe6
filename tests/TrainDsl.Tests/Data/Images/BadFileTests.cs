using TrainDsl.Data.Images;

namespace TrainDsl.Tests.Data.Images;

/// <summary>
/// Files a folder of images can hold by mistake, written into a temporary folder from the committed real images:
/// each raises InvalidDataException with one sentence naming the file and its problem, and the process lives on.
/// </summary>
public sealed class BadFileTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("traindsl-bad-images-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    static byte[] Real(string file) => File.ReadAllBytes(PillowAgreementTests.ImagePath(file));

    string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    static void Refused(string path, string problem)
    {
        var e = Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(path, 3, 28));
        Assert.StartsWith($"Image '{path}' ", e.Message);
        Assert.Contains(problem, e.Message);
        Assert.EndsWith(".", e.Message);
        Assert.Equal(1, e.Message.Count(c => c == '.') - path.Count(c => c == '.'));   // one sentence
    }

    [Fact]
    public void ZeroByteFile() => Refused(Write("empty.png", []), "is empty (0 bytes)");

    [Fact]
    public void TruncatedPng()
    {
        var png = Real("rgb.png");
        Refused(Write("half.png", png[..(png.Length / 2)]), "is a truncated PNG file");
        Refused(Write("header.png", png[..33]), "is a PNG file whose header is damaged or cut short");   // signature + IHDR only
    }

    [Fact]
    public void CorruptPng()
    {
        var png = Real("rgb.png");
        for (int i = png.Length / 2; i < png.Length / 2 + 8; i++)
            png[i] ^= 0xFF;                      // inside IDAT: zlib and the chunk CRC both fail
        Refused(Write("flipped.png", png), "is a corrupt PNG file");
    }

    [Fact]
    public void TruncatedJpeg()
    {
        var jpeg = Real("rgb.jpg");
        Refused(Write("half.jpg", jpeg[..(jpeg.Length / 2)]), "is a truncated JPEG file");
        Refused(Write("no-end.jpg", jpeg[..^2]), "is a truncated JPEG file");   // Pillow: "image file is truncated" too
    }

    [Fact]
    public void JpegWithADamagedHeader()
    {
        var jpeg = Real("rgb.jpg");
        for (int i = 20; i < 60; i++)            // the quantisation table's marker and length
            jpeg[i] ^= 0xFF;
        Refused(Write("header.jpg", jpeg), "is a JPEG file whose header is damaged or cut short");
    }

    [Fact]
    public void TextFileWithAnImageExtension() =>
        Refused(Write("x.png", "label,file\n0,a.png\n"u8.ToArray()), "is not an image");

    [Fact]
    public void UnsupportedFormat()
    {
        Refused(Write("tiff.png", Real("rgb.tif")), "is a TIFF file, which the decoder does not read");
        Refused(Write("cut.gif", Real("rgb.gif")[..6]), "is a GIF file whose header is damaged or cut short");
    }

    [Fact]
    public void DecompressionBomb()
    {
        // A 54-byte BMP header claiming 20,000 × 20,000 pixels (1.2 GB as RGB): refused before anything is allocated.
        var bmp = new byte[54 + 16];
        "BM"u8.CopyTo(bmp);
        BitConverter.TryWriteBytes(bmp.AsSpan(2), bmp.Length);
        BitConverter.TryWriteBytes(bmp.AsSpan(10), 54);      // pixel data offset
        BitConverter.TryWriteBytes(bmp.AsSpan(14), 40);      // BITMAPINFOHEADER
        BitConverter.TryWriteBytes(bmp.AsSpan(18), 20_000);
        BitConverter.TryWriteBytes(bmp.AsSpan(22), 20_000);
        BitConverter.TryWriteBytes(bmp.AsSpan(26), (short)1);
        BitConverter.TryWriteBytes(bmp.AsSpan(28), (short)24);
        Refused(Write("bomb.bmp", bmp), "is a 20000×20000 BMP image, more than the 178,956,970 pixels the decoder accepts");
    }

    [Fact]
    public void TheExtensionDoesNotDecideTheFormat()
    {
        // A PNG named .jpg decodes as the PNG it is (folders of web images often hold such files).
        var png = ImageDecoder.Decode(PillowAgreementTests.ImagePath("rgb.png"), 3, 28);
        Assert.Equal(png, ImageDecoder.Decode(Write("png.jpg", Real("rgb.png")), 3, 28));
    }

    [Fact]
    public void BadArguments()
    {
        var path = PillowAgreementTests.ImagePath("rgb.png");
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageDecoder.Decode(path, 2, 28));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageDecoder.Decode(path, 3, 0));
    }

    [Fact]
    public void ExtensionsAreTorchvisionsSubsetInAnyCase()
    {
        Assert.Equal([".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"], ImageDecoder.Extensions);
        Assert.True(ImageDecoder.IsImageFile("a/b/IMG_0001.JPG"));
        Assert.True(ImageDecoder.IsImageFile("x.WebP"));
        Assert.False(ImageDecoder.IsImageFile("x.tif"));
        Assert.False(ImageDecoder.IsImageFile("png"));
        Assert.False(ImageDecoder.IsImageFile("notes.txt"));
    }
}
