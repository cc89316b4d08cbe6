using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrainDsl.Runs;

/// <summary>
/// One run's folder: plan.json, metrics.csv (a row per epoch, flushed as it is written),
/// summary.json and the final checkpoint model.bin. Files are replaced atomically, so a run that
/// stops early keeps everything it wrote.
/// </summary>
public sealed class RunFolder
{
    public const string PlanFile = "plan.json";
    public const string MetricsFile = "metrics.csv";
    public const string SummaryFile = "summary.json";
    public const string CheckpointFile = "model.bin";
    public const string BestCheckpointFile = "best.bin";
    public const string ConfusionFile = "confusion_matrix.csv";
    public const string PerClassFile = "per_class.txt";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private bool headerWritten;

    private RunFolder(string path) => Path = path;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    public string CheckpointPath => System.IO.Path.Combine(Path, CheckpointFile);

    public string BestCheckpointPath => System.IO.Path.Combine(Path, BestCheckpointFile);

    /// <summary>Creates <c>root/experiment/yyyyMMdd-HHmmss</c> (with a suffix if that exists already).</summary>
    public static RunFolder Create(string root, string experiment)
    {
        var parent = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, experiment));
        var stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        try
        {
            Directory.CreateDirectory(parent);
            for (int n = 1; ; n++)
            {
                var candidate = System.IO.Path.Combine(parent, n == 1 ? stamp : $"{stamp}-{n}");
                if (Directory.Exists(candidate)) continue;
                Directory.CreateDirectory(candidate);
                return new RunFolder(candidate);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrainDslException(
                $"Cannot create the run folder under '{parent}' ({e.Message}); pass a writable folder with --out.", e);
        }
    }

    /// <summary>The model.bin of the newest run of <paramref name="experiment"/> under <paramref name="root"/>, or null.</summary>
    public static string? NewestCheckpoint(string root, string experiment)
    {
        var folder = System.IO.Path.Combine(root, experiment);
        return Directory.Exists(folder)
            ? Directory.GetDirectories(folder)
                .Select(run => System.IO.Path.Combine(run, CheckpointFile))
                .Where(File.Exists)
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault()
            : null;
    }

    public void WritePlan(RecipePlan plan) => WriteAtomically(PlanFile, plan.ToJson());

    public void WriteSummary(RunSummary summary) =>
        WriteAtomically(SummaryFile, JsonSerializer.Serialize(summary, JsonOptions));

    /// <summary>Appends one epoch's row; the header comes from the first row's metric names.</summary>
    public void AppendEpoch(EpochRecord record)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        if (!headerWritten)
        {
            sb.Append("epoch,train_loss,lr,seconds,images_per_second");
            foreach (var m in record.Test) sb.Append(',').Append(m.Key);
            sb.Append(",live_tensors,rss_mib\n");
            headerWritten = true;
        }
        sb.Append(c, $"{record.Epoch},{record.TrainLoss:R},{record.LearningRate:R},{record.Seconds:F3},{record.ImagesPerSecond:F1}");
        foreach (var m in record.Test) sb.Append(',').Append(m.Value.ToString("R", c));
        sb.Append(c, $",{record.LiveTensors},{record.ResidentMiB:F1}\n");
        File.AppendAllText(System.IO.Path.Combine(Path, MetricsFile), sb.ToString());
    }

    /// <summary>The matrix as CSV (rows = true class) and the readable per-class report.</summary>
    public void WriteConfusion(Metrics.ConfusionMatrix confusion)
    {
        var m = confusion.Matrix;
        var sb = new StringBuilder();
        sb.Append("true\\predicted");
        for (int c = 0; c < confusion.Classes; c++) sb.Append(',').Append(confusion.ClassName(c));
        sb.Append('\n');
        for (int r = 0; r < confusion.Classes; r++)
        {
            sb.Append(confusion.ClassName(r));
            for (int c = 0; c < confusion.Classes; c++) sb.Append(',').Append(m[r, c].ToString(CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        WriteAtomically(ConfusionFile, sb.ToString());
        WriteAtomically(PerClassFile, confusion.ToString() + "\n");
    }

    private void WriteAtomically(string name, string text)
    {
        var target = System.IO.Path.Combine(Path, name);
        var temp = target + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, target, overwrite: true);
    }
}
