using System.Numerics;

namespace TrainDsl.Data.Images;

/// <summary>
/// Antialiased bilinear resampling, computed as Pillow's Image.resize(size, BILINEAR) computes it (the resize
/// torchvision's Resize applies to PIL images), so resized pixels equal Pillow's: a separable convolution with the
/// triangle filter 1 − |x|, whose support widens by the scale factor when shrinking (every source pixel under an
/// output pixel contributes, no aliasing); each output pixel's weights are normalised, rounded to fixed point with
/// 22 fraction bits, and the horizontal pass (rounded to 8 bits) runs before the vertical one.
/// Skia's own scaling samples differently (mipmaps when shrinking) and would not match the PyTorch side.
/// </summary>
internal static class BilinearResize
{
    const int PrecisionBits = 32 - 8 - 2;

    public static Pixels Resize(Pixels src, int width, int height)
    {
        if (width == src.Width && height == src.Height)
            return src;
        var columns = Filter.For(src.Width, width);
        var rows = Filter.For(src.Height, height);
        // Only the source rows some output row reads need the horizontal pass.
        int firstRow = height == src.Height ? 0 : rows.Start[0];
        int lastRow = height == src.Height ? src.Height : rows.Start[height - 1] + rows.Count[height - 1];
        var dst = new Pixels(width, height, src.Channels);
        var wide = width == src.Width ? null : new byte[width * (lastRow - firstRow)];
        for (int c = 0; c < src.Channels; c++)
        {
            ReadOnlySpan<byte> plane = src.Plane(c);
            if (wide is not null)
            {
                Horizontal(plane, src.Width, columns, firstRow, lastRow, wide);
                plane = wide;
            }
            if (height == src.Height)
                plane.CopyTo(dst.Plane(c));
            else
                Vertical(plane, width, rows, wide is null ? 0 : firstRow, dst.Plane(c));
        }
        return dst;
    }

    static unsafe void Horizontal(ReadOnlySpan<byte> src, int inWidth, Filter f, int firstRow, int lastRow, Span<byte> dst)
    {
        int outWidth = f.Count.Length;
        if (src.Length < lastRow * inWidth || dst.Length < (lastRow - firstRow) * outWidth)
            throw new ArgumentException("planes smaller than their sizes");
        fixed (byte* source = src, target = dst)
        fixed (int* weights = f.Weights, starts = f.Start, counts = f.Count)
            for (int y = firstRow; y < lastRow; y++)
            {
                byte* row = source + y * inWidth, to = target + (y - firstRow) * outWidth;
                for (int x = 0; x < outWidth; x++)
                {
                    byte* p = row + starts[x];
                    int* k = weights + x * f.KernelSize;
                    int n = counts[x], i = 0;
                    // Two independent sums hide the multiply-add latency; integer sums are exact in any order.
                    int even = 1 << (PrecisionBits - 1), odd = 0;
                    for (; i + 1 < n; i += 2)
                    {
                        even += p[i] * k[i];
                        odd += p[i + 1] * k[i + 1];
                    }
                    if (i < n)
                        even += p[i] * k[i];
                    to[x] = Clip8(even + odd);
                }
            }
    }

    // Row by row with a running sum per column: the same integer sums as Pillow's column loop, read in memory order.
    static void Vertical(ReadOnlySpan<byte> src, int width, Filter f, int rowOffset, Span<byte> dst)
    {
        var sums = new int[width];
        for (int y = 0; y < f.Count.Length; y++)
        {
            sums.AsSpan().Fill(1 << (PrecisionBits - 1));
            int first = f.Start[y] - rowOffset;
            for (int i = 0; i < f.Count[y]; i++)
                AddScaled(src.Slice((first + i) * width, width), f.Weights[y * f.KernelSize + i], sums);
            var to = dst.Slice(y * width, width);
            for (int x = 0; x < width; x++)
                to[x] = Clip8(sums[x]);
        }
    }

    /// <summary>sums[x] += row[x] · k, a vector of bytes at a time.</summary>
    static void AddScaled(ReadOnlySpan<byte> row, int k, Span<int> sums)
    {
        int x = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var weight = new Vector<int>(k);
            int lanes = Vector<int>.Count;
            for (; x + Vector<byte>.Count <= row.Length; x += Vector<byte>.Count)
            {
                Vector.Widen(new Vector<byte>(row.Slice(x)), out var low, out var high);
                Vector.Widen(low, out var a, out var b);
                Vector.Widen(high, out var c, out var d);
                var s = sums.Slice(x);
                (new Vector<int>(s) + Vector.AsVectorInt32(a) * weight).CopyTo(s);
                (new Vector<int>(s.Slice(lanes)) + Vector.AsVectorInt32(b) * weight).CopyTo(s.Slice(lanes));
                (new Vector<int>(s.Slice(2 * lanes)) + Vector.AsVectorInt32(c) * weight).CopyTo(s.Slice(2 * lanes));
                (new Vector<int>(s.Slice(3 * lanes)) + Vector.AsVectorInt32(d) * weight).CopyTo(s.Slice(3 * lanes));
            }
        }
        for (; x < row.Length; x++)
            sums[x] += row[x] * k;
    }

    static byte Clip8(int sum) => (byte)Math.Clamp(sum >> PrecisionBits, 0, 255);

    /// <summary>Per output pixel: the first source pixel, how many follow, and their fixed-point weights.</summary>
    sealed class Filter(int[] start, int[] count, int[] weights, int kernelSize)
    {
        public int[] Start { get; } = start;
        public int[] Count { get; } = count;
        public int[] Weights { get; } = weights;
        public int KernelSize { get; } = kernelSize;

        public static Filter For(int inSize, int outSize)
        {
            double scale = (double)inSize / outSize;
            double filterScale = Math.Max(scale, 1.0);
            double support = filterScale;              // the triangle's support, 1, widened when shrinking
            int kernelSize = (int)Math.Ceiling(support) * 2 + 1;
            var start = new int[outSize];
            var count = new int[outSize];
            var weights = new int[outSize * kernelSize];
            var w = new double[kernelSize];
            for (int o = 0; o < outSize; o++)
            {
                double center = (o + 0.5) * scale;
                int first = Math.Max((int)(center - support + 0.5), 0);
                int n = Math.Min((int)(center + support + 0.5), inSize) - first;
                double total = 0, step = 1.0 / filterScale;   // Pillow multiplies by the reciprocal: same rounding
                for (int i = 0; i < n; i++)
                    total += w[i] = Triangle((i + first - center + 0.5) * step);
                for (int i = 0; i < n; i++)
                {
                    double v = total != 0 ? w[i] / total : w[i];
                    weights[o * kernelSize + i] = (int)(v < 0 ? -0.5 + v * (1 << PrecisionBits) : 0.5 + v * (1 << PrecisionBits));
                }
                start[o] = first;
                count[o] = n;
            }
            return new Filter(start, count, weights, kernelSize);
        }

        static double Triangle(double x) => Math.Abs(x) < 1.0 ? 1.0 - Math.Abs(x) : 0.0;
    }
}
