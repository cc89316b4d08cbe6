using System.Diagnostics;

namespace TrainDsl.Data.ImageFolder;

/// <summary>
/// "Decoding 12,345 images: 40 % ..." lines while workers decode: one at each tenth done, and only when 5 s have passed
/// since the start or the last line, so a short decode prints none and a long one about ten. Thread-safe.
/// </summary>
internal sealed class DecodeProgress(TextWriter? log, long total)
{
    private static readonly TimeSpan Gap = TimeSpan.FromSeconds(5);
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Lock gate = new();
    private long done;
    private long nextTenth = 1;
    private TimeSpan last;

    public TimeSpan Elapsed => clock.Elapsed;

    public void ImageDone()
    {
        long d = Interlocked.Increment(ref done);
        if (log is null || d * 10 < Volatile.Read(ref nextTenth) * total) return;
        lock (gate)
        {
            long tenth = d * 10 / total;
            if (tenth < nextTenth) return;
            nextTenth = tenth + 1;
            var now = clock.Elapsed;
            if (tenth >= 10 || now - last < Gap) return;
            last = now;
            var left = now * ((double)(total - d) / d);
            log.WriteLine($"Decoding {total:N0} images: {tenth * 10} % ({d:N0} in {now.TotalSeconds:F0} s, about {left.TotalSeconds:F0} s left)");
        }
    }
}
