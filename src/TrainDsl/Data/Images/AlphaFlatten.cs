namespace TrainDsl.Data.Images;

/// <summary>
/// Interleaved RGBA (as decoded) to RGB planes composited onto black: c·α/255, rounded to nearest (what pasting the
/// image onto a black background with its alpha as mask gives in Pillow). Dropping alpha instead, as convert("RGB")
/// does, would surface colour that transparent pixels hide.
/// </summary>
internal static class AlphaFlatten
{
    public static void OntoBlack(ReadOnlySpan<byte> rgba, Pixels rgb)
    {
        Span<byte> r = rgb.Plane(0), g = rgb.Plane(1), b = rgb.Plane(2);
        for (int i = 0, s = 0; i < r.Length; i++, s += 4)
        {
            int a = rgba[s + 3];
            if (a == 255)
            {
                r[i] = rgba[s]; g[i] = rgba[s + 1]; b[i] = rgba[s + 2];
            }
            else
            {
                r[i] = Blend(rgba[s], a); g[i] = Blend(rgba[s + 1], a); b[i] = Blend(rgba[s + 2], a);
            }
        }
    }

    // round(c·a/255) in integers: exact for 8-bit c and a (c·a/255 is never a half, 255 being odd).
    static byte Blend(int c, int a) => (byte)((c * a + 127) / 255);
}
