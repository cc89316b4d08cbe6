namespace TrainDsl.Data.ImageFolder;

/// <summary>
/// Per-channel mean and population standard deviation of uint8 pixels scaled to [0, 1], exact: integer sums of x and
/// x² per channel, then mean = Σx / (255 n) and var = (n Σx² − (Σx)²) / (255 n)² with a 128-bit numerator, so the
/// result depends neither on the order images arrive in (threads) nor on rounding along the way.
/// </summary>
internal sealed class ChannelStatistics(int channels)
{
    private readonly long[] sums = new long[channels];
    private readonly long[] squares = new long[channels];
    private long pixels; // per channel

    /// <summary>Adds one CHW image.</summary>
    public void Add(ReadOnlySpan<byte> image)
    {
        int plane = image.Length / channels;
        for (int c = 0; c < channels; c++)
        {
            long sum = 0, square = 0;
            foreach (byte b in image.Slice(c * plane, plane)) { sum += b; square += b * b; }
            sums[c] += sum; squares[c] += square;
        }
        pixels += plane;
    }

    public void Add(ChannelStatistics other)
    {
        for (int c = 0; c < channels; c++) { sums[c] += other.sums[c]; squares[c] += other.squares[c]; }
        pixels += other.pixels;
    }

    public double[] Mean => [.. sums.Select(s => pixels == 0 ? 0 : s / (255.0 * pixels))];

    public double[] Std => [.. Enumerable.Range(0, channels).Select(c =>
    {
        if (pixels == 0) return 0;
        Int128 numerator = (Int128)pixels * squares[c] - (Int128)sums[c] * sums[c];
        return Math.Sqrt((double)numerator) / (255.0 * pixels);
    })];
}
