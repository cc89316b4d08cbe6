using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TrainDsl.Data.Images;

/// <summary>
/// Interleaved RGBA (as decoded) to RGB planes composited onto black: c·α/255, rounded to nearest (what pasting the
/// image onto a black background with its alpha as mask gives in Pillow). Dropping alpha instead, as convert("RGB")
/// does, would surface colour that transparent pixels hide.
/// </summary>
internal static class AlphaFlatten
{
    public static unsafe void OntoBlack(ReadOnlySpan<byte> rgba, Pixels rgb)
    {
        int n = rgb.PlaneSize;
        if (rgba.Length < 4 * n)
            throw new ArgumentException("fewer RGBA pixels than planes", nameof(rgba));
        fixed (byte* src = rgba, dst = rgb.Data)
        {
            byte* r = dst, g = dst + n, b = dst + 2 * n;
            int i = 0;
            if (Vector128.IsHardwareAccelerated)
            {
                // Four pixels at a time: one shuffle gathers R0..R3, G0..G3, B0..B3, A0..A3; opaque ones are copied.
                var planar = Vector128.Create((byte)0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
                for (; i + 4 <= n; i += 4)
                {
                    var four = Vector128.Shuffle(Vector128.Load(src + 4 * i), planar).AsUInt32();
                    if (four.GetElement(3) != uint.MaxValue)
                    {
                        for (int j = i; j < i + 4; j++)
                            Pixel(src, j, r, g, b);
                        continue;
                    }
                    Unsafe.WriteUnaligned(r + i, four.GetElement(0));
                    Unsafe.WriteUnaligned(g + i, four.GetElement(1));
                    Unsafe.WriteUnaligned(b + i, four.GetElement(2));
                }
            }
            for (; i < n; i++)
                Pixel(src, i, r, g, b);
        }
    }

    static unsafe void Pixel(byte* src, int i, byte* r, byte* g, byte* b)
    {
        byte* p = src + 4 * i;
        int a = p[3];
        r[i] = Blend(p[0], a);
        g[i] = Blend(p[1], a);
        b[i] = Blend(p[2], a);
    }

    // round(c·a/255) in integers: exact for 8-bit c and a (c·a/255 is never a half, 255 being odd); c when a = 255.
    static byte Blend(int c, int a) => (byte)((c * a + 127) / 255);
}
