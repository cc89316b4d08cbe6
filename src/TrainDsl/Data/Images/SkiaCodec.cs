using System.Buffers;
using System.Globalization;
using SkiaSharp;

namespace TrainDsl.Data.Images;

/// <summary>
/// Decodes an encoded image with Skia's codecs (libpng, libjpeg-turbo, libwebp, Skia's GIF and BMP readers) to 8-bit
/// planes: grayscale images as L, everything else as RGB (palette, 16-bit and CMYK images converted by Skia to RGBA,
/// then <see cref="AlphaFlatten"/>), without colour management (the stored values, as Pillow reads them). A GIF or
/// WebP animation gives its first frame. Every call owns its codec, so calls may run on many threads at once.
/// </summary>
internal static class SkiaCodec
{
    /// <summary>Pillow's decompression-bomb limit (2 · Image.MAX_IMAGE_PIXELS): a larger image is refused, not allocated.</summary>
    public const long MaxPixels = 2L * 89_478_485;

    public readonly record struct Decoded(Pixels Pixels, int Orientation);

    public static unsafe Decoded Decode(ReadOnlySpan<byte> encoded, string name, ImageFormat format)
    {
        var kind = format.Name();
        fixed (byte* bytes = encoded)
        {
            // The codec reads the caller's bytes in place; everything Skia holds is disposed before they are unpinned.
            using var data = SKData.Create((IntPtr)bytes, encoded.Length);
            using var codec = SKCodec.Create(data)
                ?? throw ImageDecoder.Bad(name, $"is a {kind} file whose header is damaged or cut short");
            var info = codec.Info;
            if (info.Width <= 0 || info.Height <= 0)
                throw ImageDecoder.Bad(name, $"is a {kind} file of {info.Width}×{info.Height} pixels");
            if ((long)info.Width * info.Height > MaxPixels)
                throw ImageDecoder.Bad(name, $"is a {info.Width}×{info.Height} {kind} image, more than the " +
                    $"{MaxPixels.ToString("N0", CultureInfo.InvariantCulture)} pixels the decoder accepts " +
                    "(a guard against decompression bombs); downscale it");
            bool gray = info.ColorType == SKColorType.Gray8;
            var target = new SKImageInfo(info.Width, info.Height,
                gray ? SKColorType.Gray8 : SKColorType.Rgba8888, gray ? SKAlphaType.Opaque : SKAlphaType.Unpremul);
            var pixels = new Pixels(info.Width, info.Height, gray ? 1 : 3);
            var rgba = gray ? null : ArrayPool<byte>.Shared.Rent(target.BytesSize);
            SKCodecResult result;
            try
            {
                fixed (byte* dst = gray ? pixels.Data : rgba)
                    result = codec.GetPixels(target, (IntPtr)dst);
                if (rgba is not null && result == SKCodecResult.Success)
                    AlphaFlatten.OntoBlack(rgba.AsSpan(0, target.BytesSize), pixels);
            }
            finally
            {
                if (rgba is not null)
                    ArrayPool<byte>.Shared.Return(rgba);
            }
            return result switch
            {
                SKCodecResult.Success => new Decoded(pixels, (int)codec.EncodedOrigin),
                // Skia fills the missing rows and reports it; a partial image is no training sample.
                SKCodecResult.IncompleteInput =>
                    throw ImageDecoder.Bad(name, $"is a truncated {kind} file (its data ends before the last row)"),
                SKCodecResult.ErrorInInput or SKCodecResult.InvalidInput =>
                    throw ImageDecoder.Bad(name, $"is a corrupt {kind} file (the decoder found invalid data)"),
                _ => throw ImageDecoder.Bad(name, $"is a {kind} file the decoder cannot read ({result})"),
            };
        }
    }
}
