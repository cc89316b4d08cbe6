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
        var src = rgb.Data;
        var dst = gray.Data;
        for (int i = 0, s = 0; i < dst.Length; i++, s += 3)
            dst[i] = (byte)((src[s] * 19595 + src[s + 1] * 38470 + src[s + 2] * 7471 + 0x8000) >> 16);
        return gray;
    }

    /// <summary>Grayscale replicated to R, G and B (Pillow's convert("RGB") of an "L" image).</summary>
    public static Pixels ToRgb(Pixels gray)
    {
        var rgb = new Pixels(gray.Width, gray.Height, 3);
        var src = gray.Data;
        var dst = rgb.Data;
        for (int i = 0, d = 0; i < src.Length; i++, d += 3)
            dst[d] = dst[d + 1] = dst[d + 2] = src[i];
        return rgb;
    }
}
