namespace TrainDsl.Data.Images;

/// <summary>
/// Decodes image files (PNG, JPEG, BMP, GIF, WebP) to the uint8 CHW pixels a model reads:
/// <list type="number">
/// <item>decode with Skia (the format is read from the bytes, not the extension); EXIF orientation is applied,
///   16-bit samples become 8-bit (their high byte, as in Pillow), palette and CMYK images become RGB, transparency
///   is composited onto black;</item>
/// <item>convert to the requested channels: 1 = L (ITU-R 601-2 luma, as Pillow's convert("L")), 3 = RGB
///   (grayscale replicated);</item>
/// <item>resize so the shorter side is <c>size</c> (antialiased bilinear, pixel for pixel Pillow's; skipped when it already
///   is), then crop the central size×size square: torchvision's Resize(size) + CenterCrop(size) on a PIL image.</item>
/// </list>
/// A file that cannot be decoded raises <see cref="InvalidDataException"/> with one sentence naming it and the problem.
/// Thread-safe: calls share no state, so a loader may decode on all cores at once.
/// </summary>
public static class ImageDecoder
{
    /// <summary>The file extensions (lower case, with the dot) of the images a folder scan picks up.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"];

    /// <summary>Whether the path has one of the <see cref="Extensions"/>, in any letter case.</summary>
    public static bool IsImageFile(string path)
    {
        var extension = Path.GetExtension(path);
        foreach (var e in Extensions)
            if (extension.Equals(e, StringComparison.OrdinalIgnoreCase))
                return true;
        return false;
    }

    /// <summary>
    /// The file's pixels as uint8 CHW, exactly <paramref name="channels"/>×<paramref name="size"/>×<paramref name="size"/> bytes.
    /// </summary>
    /// <param name="path">The image file.</param>
    /// <param name="channels">1 (grayscale) or 3 (RGB).</param>
    /// <param name="size">The side of the square output; the image is resized so its shorter side matches, then center-cropped.</param>
    public static byte[] Decode(string path, int channels, int size)
    {
        CheckArguments(channels, size);
        return Decode(File.ReadAllBytes(path), path, channels, size);
    }

    /// <summary>Encoded bytes' pixels as uint8 CHW; <paramref name="nameForMessages"/> names them in errors.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> encoded, string nameForMessages, int channels, int size)
    {
        CheckArguments(channels, size);
        var format = Identify(encoded, nameForMessages);
        var (pixels, orientation) = SkiaCodec.Decode(encoded, nameForMessages, format);
        pixels = ExifOrientation.Apply(pixels, orientation);
        if (channels == 1 && pixels.Channels == 3)
            pixels = Luma.FromRgb(pixels);
        pixels = ShortSideResize.Apply(pixels, size);
        pixels = CenterCrop.Apply(pixels, size);
        if (channels == 3 && pixels.Channels == 1)
            pixels = Luma.ToRgb(pixels);         // after the resize: a third of the work, the same pixels
        return pixels.Data;
    }

    static ImageFormat Identify(ReadOnlySpan<byte> encoded, string name)
    {
        if (encoded.IsEmpty)
            throw Bad(name, "is empty (0 bytes); replace it with the image it should hold or remove it");
        if (ImageSignature.Detect(encoded) is { } format)
            return format;
        if (ImageSignature.Unsupported(encoded) is { } other)
            throw Bad(name, $"is a {other} file, which the decoder does not read; convert it to PNG or JPEG");
        throw Bad(name, "is not an image: its first bytes match no PNG, JPEG, BMP, GIF or WebP signature; " +
                        "remove it or give it a name without an image extension");
    }

    static void CheckArguments(int channels, int size)
    {
        if (channels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Images decode to 1 (grayscale) or 3 (RGB) channels.");
        if (size <= 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, "The output size must be positive.");
    }

    internal static InvalidDataException Bad(string name, string problem) => new($"Image '{name}' {problem}.");
}
