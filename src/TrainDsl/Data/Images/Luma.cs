namespace TrainDsl.Data.Images;

/// <summary>
/// RGB to grayscale with the ITU-R 601-2 luma transform, L = R·299/1000 + G·587/1000 + B·114/1000, in Pillow's
/// fixed-point form (convert("L"): weights ·65536 = 19595, 38470, 7471, rounded to nearest), so gray pixels equal Pillow's.
/// </summary>
internal static class Luma
{
    public static Pixels FromRgb(Pixels rgb)
    {
        var gray = new Pixels(rgb.Width, rgb.Height, 1);
        ReadOnlySpan<byte> r = rgb.Plane(0), g = rgb.Plane(1), b = rgb.Plane(2);
        var l = gray.Data.AsSpan();
        for (int i = 0; i < l.Length; i++)
            l[i] = (byte)((r[i] * 19595 + g[i] * 38470 + b[i] * 7471 + 0x8000) >> 16);
        return gray;
    }

    /// <summary>Grayscale replicated to R, G and B (Pillow's convert("RGB") of an "L" image).</summary>
    public static Pixels ToRgb(Pixels gray)
    {
        var rgb = new Pixels(gray.Width, gray.Height, 3);
        for (int c = 0; c < 3; c++)
            gray.Data.CopyTo(rgb.Plane(c));
        return rgb;
    }
}
