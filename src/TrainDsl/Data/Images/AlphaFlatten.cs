namespace TrainDsl.Data.Images;

/// <summary>
/// RGBA to RGB composited onto black: c·α/255, rounded to nearest (what pasting the image onto a black background with
/// its alpha as mask gives in Pillow). Dropping alpha instead, as convert("RGB") does, would surface colour that
/// transparent pixels hide.
/// </summary>
internal static class AlphaFlatten
{
    public static Pixels OntoBlack(Pixels rgba)
    {
        var rgb = new Pixels(rgba.Width, rgba.Height, 3);
        var src = rgba.Data;
        var dst = rgb.Data;
        for (int s = 0, d = 0; s < src.Length; s += 4, d += 3)
        {
            int a = src[s + 3];
            if (a == 255)
            {
                dst[d] = src[s]; dst[d + 1] = src[s + 1]; dst[d + 2] = src[s + 2];
            }
            else
            {
                dst[d] = Blend(src[s], a); dst[d + 1] = Blend(src[s + 1], a); dst[d + 2] = Blend(src[s + 2], a);
            }
        }
        return rgb;
    }

    // round(c·a/255) in integers: exact for 8-bit c and a (c·a/255 is never a half, 255 being odd).
    static byte Blend(int c, int a) => (byte)((c * a + 127) / 255);
}
