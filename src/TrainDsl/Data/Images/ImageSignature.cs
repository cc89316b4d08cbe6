namespace TrainDsl.Data.Images;

/// <summary>The encoded formats the decoder reads.</summary>
internal enum ImageFormat { Png, Jpeg, Bmp, Gif, WebP }

/// <summary>
/// Tells an encoded image's format from its first bytes (the extension can lie), and names common formats the
/// decoder refuses, so that a refusal can say what the file is.
/// </summary>
internal static class ImageSignature
{
    public static ImageFormat? Detect(ReadOnlySpan<byte> b)
    {
        if (Starts(b, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) return ImageFormat.Png;
        if (Starts(b, 0xFF, 0xD8, 0xFF)) return ImageFormat.Jpeg;
        if (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8)) return ImageFormat.Gif;
        if (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return ImageFormat.WebP;
        if (b.Length >= 26 && b.StartsWith("BM"u8)) return ImageFormat.Bmp;
        return null;
    }

    /// <summary>The format's usual name, for messages.</summary>
    public static string Name(this ImageFormat format) => format switch
    {
        ImageFormat.Png => "PNG",
        ImageFormat.Jpeg => "JPEG",
        ImageFormat.Bmp => "BMP",
        ImageFormat.Gif => "GIF",
        _ => "WebP",
    };

    /// <summary>The name of a format the decoder does not read, when the bytes show one; else null.</summary>
    public static string? Unsupported(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith("II*\0"u8) || b.StartsWith("MM\0*"u8)) return "TIFF";
        if (b.Length >= 12 && b[4..8].SequenceEqual("ftyp"u8))
            return b[8..12].SequenceEqual("avif"u8) || b[8..12].SequenceEqual("avis"u8) ? "AVIF" : "HEIF/ISO media";
        if (Starts(b, 0, 0, 1, 0)) return "ICO";
        if (b.StartsWith("8BPS"u8)) return "Photoshop (PSD)";
        if (b.StartsWith("%PDF"u8)) return "PDF";
        if (Starts(b, 0xFF, 0x0A) || Starts(b, 0, 0, 0, 0x0C, 0x4A, 0x58, 0x4C, 0x20)) return "JPEG XL";
        if (Starts(b, 0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20) || Starts(b, 0xFF, 0x4F, 0xFF, 0x51)) return "JPEG 2000";
        if (b.Length >= 2 && b[0] == (byte)'P' && b[1] is >= (byte)'1' and <= (byte)'7') return "PNM (PBM/PGM/PPM)";
        if (Starts(b, 0x1F, 0x8B)) return "gzip";
        if (b.StartsWith("PK\x03\x04"u8)) return "zip";
        return null;
    }

    static bool Starts(ReadOnlySpan<byte> b, params ReadOnlySpan<byte> prefix) => b.StartsWith(prefix);
}
