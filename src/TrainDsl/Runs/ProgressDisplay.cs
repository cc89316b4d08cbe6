using System.Diagnostics;
using System.Globalization;

namespace TrainDsl.Runs;

/// <summary>
/// Shows loss, learning rate, throughput and ETA while training: one line redrawn in place on a
/// terminal (at most 4 times a second), or a plain line every 10 seconds when output is a log.
/// </summary>
public sealed class ProgressDisplay
{
    private readonly TextWriter? output;
    private readonly bool live;
    private readonly Stopwatch sinceDraw = Stopwatch.StartNew();
    private readonly TimeSpan interval;
    private int lastWidth;

    public ProgressDisplay(TextWriter? output, bool live)
    {
        this.output = output;
        this.live = live;
        interval = live ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(10);
    }

    /// <summary>Reports one step; draws only when the interval has passed.</summary>
    public void Step(int epoch, int epochs, int batch, int batches, double loss, double lr, double imagesPerSecond, TimeSpan eta)
    {
        if (output is null || sinceDraw.Elapsed < interval) return;
        sinceDraw.Restart();
        var c = CultureInfo.InvariantCulture;
        var line = string.Create(c,
            $"epoch {epoch + 1}/{epochs}  {Bar(batch, batches)} {batch}/{batches}  loss {loss:F4}  lr {lr:G4}  {imagesPerSecond:F0} img/s  ETA {Format(eta)}");
        if (live)
        {
            output.Write('\r' + line.PadRight(lastWidth));
            lastWidth = line.Length;
        }
        else
        {
            output.WriteLine(line);
        }
        output.Flush();
    }

    /// <summary>Prints an epoch's summary line (replacing the live line).</summary>
    public void Epoch(EpochRecord record, int epochs)
    {
        if (output is null) return;
        var c = CultureInfo.InvariantCulture;
        var metrics = string.Join("  ", record.Test.Select(m => string.Create(c, $"{m.Key} {m.Value:F4}")));
        var line = string.Create(c,
            $"epoch {record.Epoch}/{epochs}  train_loss {record.TrainLoss:F4}  lr {record.LearningRate:G4}  {metrics}  {record.ImagesPerSecond:F0} img/s  {record.Seconds:F1}s");
        if (live) output.Write('\r' + new string(' ', lastWidth) + '\r');
        lastWidth = 0;
        output.WriteLine(line);
        output.Flush();
        sinceDraw.Restart();
    }

    /// <summary>Prints a note on its own line.</summary>
    public void Note(string text)
    {
        if (output is null) return;
        if (live && lastWidth > 0) { output.Write('\r' + new string(' ', lastWidth) + '\r'); lastWidth = 0; }
        output.WriteLine(text);
        output.Flush();
    }

    private static string Bar(int done, int total)
    {
        const int width = 20;
        int filled = total <= 0 ? 0 : (int)Math.Min(width, (long)done * width / total);
        return "[" + new string('#', filled) + new string('.', width - filled) + "]";
    }

    internal static string Format(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:00}m"
        : t.TotalMinutes >= 1 ? $"{t.Minutes}m{t.Seconds:00}s"
        : $"{t.Seconds}s";
}
