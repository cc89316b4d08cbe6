using SkiaSharp;

namespace TrainDsl.Data.Images;

/// <summary>The file format <see cref="ImageEncoder"/> writes.</summary>
public enum ImageFileFormat { Png, Jpeg }

/// <summary>
/// Encodes uint8 CHW pixels (1 channel: grayscale, 3: RGB) as a PNG (lossless: <see cref="ImageDecoder"/> gives the
/// same pixels back) or a JPEG, with Skia, the library that decodes them. Thread-safe.
/// </summary>
public static class ImageEncoder
{
    /// <summary>The file extension of a format, with the dot.</summary>
    public static string Extension(ImageFileFormat format) => format == ImageFileFormat.Png ? ".png" : ".jpg";

    /// <param name="planes">channels × height × width bytes, plane after plane.</param>
    /// <param name="channels">1 or 3.</param>
    /// <param name="height">Rows.</param>
    /// <param name="width">Columns.</param>
    /// <param name="format">PNG or JPEG.</param>
    /// <param name="quality">JPEG quality, 1 to 100 (PNG ignores it).</param>
    public static byte[] Encode(ReadOnlySpan<byte> planes, int channels, int height, int width, ImageFileFormat format, int quality = 95)
    {
        if (channels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Images have 1 (grayscale) or 3 (RGB) channels.");
        if (height < 1 || width < 1 || planes.Length != (long)channels * height * width)
            throw new ArgumentException($"Expected {channels}×{height}×{width} bytes, got {planes.Length}.", nameof(planes));
        if (quality is < 1 or > 100)
            throw new ArgumentOutOfRangeException(nameof(quality), quality, "JPEG quality runs from 1 to 100.");

        int pixels = height * width;
        byte[] interleaved;
        SKImageInfo info;
        if (channels == 1)
        {
            interleaved = planes.ToArray();
            info = new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        }
        else
        {
            interleaved = new byte[pixels * 4];
            for (int i = 0; i < pixels; i++)
            {
                interleaved[4 * i] = planes[i];
                interleaved[4 * i + 1] = planes[pixels + i];
                interleaved[4 * i + 2] = planes[2 * pixels + i];
                interleaved[4 * i + 3] = 255;
            }
            info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        }
        using var image = SKImage.FromPixelCopy(info, interleaved, info.RowBytes)
            ?? throw new InvalidOperationException($"Skia could not take a {width}×{height} image with {channels} channel(s).");
        using var data = image.Encode(format == ImageFileFormat.Png ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, quality)
            ?? throw new InvalidOperationException($"Skia could not encode a {width}×{height} image as {format}.");
        return data.ToArray();
    }
}
