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
        int firstRow = rows.Start[0], lastRow = rows.Start[height - 1] + rows.Count[height - 1];
        var wide = width == src.Width ? src : Horizontal(src, columns, firstRow, lastRow);
        return height == src.Height ? wide : Vertical(wide, rows, wide == src ? 0 : firstRow);
    }

    static Pixels Horizontal(Pixels src, Filter f, int firstRow, int lastRow)
    {
        int c = src.Channels, inRow = src.Width * c;
        var dst = new Pixels(f.Count.Length, lastRow - firstRow, c);
        int outRow = dst.Width * c;
        var s = src.Data;
        var d = dst.Data;
        for (int y = firstRow; y < lastRow; y++)
        {
            int si = y * inRow, di = (y - firstRow) * outRow;
            for (int x = 0; x < dst.Width; x++)
            {
                int k = x * f.KernelSize, start = si + f.Start[x] * c, n = f.Count[x];
                for (int ch = 0; ch < c; ch++)
                {
                    int sum = 1 << (PrecisionBits - 1);
                    for (int i = 0; i < n; i++)
                        sum += s[start + i * c + ch] * f.Weights[k + i];
                    d[di + x * c + ch] = Clip8(sum);
                }
            }
        }
        return dst;
    }

    static Pixels Vertical(Pixels src, Filter f, int rowOffset)
    {
        int c = src.Channels, row = src.Width * c;
        var dst = new Pixels(src.Width, f.Count.Length, c);
        var s = src.Data;
        var d = dst.Data;
        for (int y = 0; y < dst.Height; y++)
        {
            int k = y * f.KernelSize, start = (f.Start[y] - rowOffset) * row, n = f.Count[y], di = y * row;
            for (int x = 0; x < row; x++)
            {
                int sum = 1 << (PrecisionBits - 1);
                for (int i = 0; i < n; i++)
                    sum += s[start + i * row + x] * f.Weights[k + i];
                d[di + x] = Clip8(sum);
            }
        }
        return dst;
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
