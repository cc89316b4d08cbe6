using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrainDsl.Runs;

/// <summary>
/// Finished (or stopped) runs side by side, read from their folders: per run the final and best value of its primary
/// metric, epochs, time and img/s, and every setting (<see cref="PlanSettings"/>) whose value is not the same in all
/// of them. <c>compare</c> prints <see cref="ToText"/> and draws <see cref="Plots.ComparePlot"/>.
/// </summary>
public sealed class RunComparison
{
    /// <summary>One run as the table shows it.</summary>
    /// <param name="Label">Experiment/stamp: the folder's last two names.</param>
    /// <param name="Folder">The run folder's full path.</param>
    /// <param name="PrimaryMetric">The metrics.csv column that selects best.bin (plan.json).</param>
    /// <param name="Metrics">metrics.csv.</param>
    /// <param name="Final">The primary metric of the last epoch.</param>
    /// <param name="Best">The best epoch's value (highest, or lowest for a loss) and the epoch (1-based).</param>
    /// <param name="Epochs">Epochs in metrics.csv.</param>
    /// <param name="Seconds">Wall time of the whole run (summary.json; for a run without one, the epochs' sum).</param>
    /// <param name="ImagesPerSecond">Training images per second over the run (summary.json; else the epochs' mean).</param>
    /// <param name="Status">summary.json's status, or "no summary.json" for a run still going or killed.</param>
    /// <param name="Settings">The plan's settings by name.</param>
    public sealed record Run(
        string Label, string Folder, string PrimaryMetric, MetricsTable Metrics, double Final, (double Value, int Epoch) Best,
        int Epochs, double Seconds, double ImagesPerSecond, string Status, IReadOnlyDictionary<string, object> Settings);

    private RunComparison(IReadOnlyList<Run> runs)
    {
        Runs = runs;
        var names = runs.SelectMany(r => r.Settings.Keys).Distinct(StringComparer.Ordinal);
        DifferingSettings = [.. names.Where(name => runs.Select(r => r.Settings.TryGetValue(name, out var v) ? PlanSettings.Format(v) : "")
            .Distinct(StringComparer.Ordinal).Count() > 1)];
    }

    public IReadOnlyList<Run> Runs { get; }

    /// <summary>The settings whose values are not the same in every run, in the first run's order.</summary>
    public IReadOnlyList<string> DifferingSettings { get; }

    /// <summary>
    /// Reads the runs named by <paramref name="runs"/>: each a run folder, or an experiment name meaning its newest
    /// run under <paramref name="root"/>. A name that is neither is one sentence.
    /// </summary>
    public static RunComparison Of(IReadOnlyList<string> runs, string root) =>
        new([.. runs.Select(name => Read(Resolve(name, root)))]);

    /// <summary>The folder <paramref name="name"/> means: itself, or the newest run (by its stamp) of that experiment under <paramref name="root"/>.</summary>
    public static string Resolve(string name, string root)
    {
        if (File.Exists(Path.Combine(name, RunFolder.PlanFile))) return Path.GetFullPath(name);
        var experiment = Path.Combine(root, name);
        var newest = Directory.Exists(experiment)
            ? Directory.GetDirectories(experiment).Where(d => File.Exists(Path.Combine(d, RunFolder.PlanFile)))
                .OrderBy(d => Stamp(Path.GetFileName(d))).LastOrDefault()
            : null;
        return newest is null
            ? throw new TrainDslException(
                $"'{name}' is neither a run folder (one with {RunFolder.PlanFile}) nor an experiment with runs under '{Path.GetFullPath(root)}'; pass a run folder such as runs/<Experiment>/<stamp>, or an experiment name (with --runs DIR if its runs are elsewhere).")
            : Path.GetFullPath(newest);
    }

    // yyyyMMdd-HHmmss[-n] (RunFolder.Create): by time, then by n as a number (so -10 comes after -9).
    private static (string Time, int N) Stamp(string name)
    {
        int dash = name.IndexOf('-', Math.Min(name.Length, 9));
        return dash > 0 && int.TryParse(name[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            ? (name[..dash], n) : (name, 1);
    }

    /// <summary>The run in <paramref name="folder"/> (plan.json, metrics.csv and summary.json when there is one).</summary>
    public static Run Read(string folder)
    {
        var planPath = Path.Combine(folder, RunFolder.PlanFile);
        JsonObject plan;
        try
        {
            plan = JsonNode.Parse(File.ReadAllText(planPath))?.AsObject() ?? throw new FormatException("it is empty");
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new TrainDslException($"'{planPath}' cannot be read ({e.Message}); compare run folders written by TrainDsl.", e);
        }
        var metricsPath = Path.Combine(folder, RunFolder.MetricsFile);
        var metrics = File.Exists(metricsPath) ? MetricsTable.Read(metricsPath) : null;
        if (metrics is null || metrics.Epochs == 0)
            throw new TrainDslException($"'{folder}' has no finished epoch in {RunFolder.MetricsFile} yet; compare runs that finished at least one epoch.");
        var primary = plan["primaryMetric"]?.GetValue<string>() ?? "test_loss"; // plans written before it was recorded
        var values = metrics[primary];
        bool maximize = primary is not ("test_loss" or "val_loss"); // every metric but the loss improves upwards
        int bestIndex = 0;
        for (int i = 1; i < values.Length; i++)
            if (maximize ? values[i] > values[bestIndex] : values[i] < values[bestIndex]) bestIndex = i;

        var summary = ReadSummary(folder);
        double seconds = summary?.Seconds ?? metrics["seconds"].Sum();
        double rate = summary?.ImagesPerSecond ?? metrics["images_per_second"].Average();
        return new Run(
            Label: Path.GetFileName(Path.GetDirectoryName(folder)) + "/" + Path.GetFileName(folder),
            Folder: folder, PrimaryMetric: primary, Metrics: metrics, Final: values[^1], Best: (values[bestIndex], bestIndex + 1),
            Epochs: metrics.Epochs, Seconds: seconds, ImagesPerSecond: rate, Status: summary?.Status ?? "no summary.json",
            Settings: PlanSettings.Of(plan).ToDictionary(StringComparer.Ordinal));
    }

    private static RunSummary? ReadSummary(string folder)
    {
        var path = Path.Combine(folder, RunFolder.SummaryFile);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), RunJson.Default.RunSummary);
        }
        catch (JsonException e)
        {
            throw new TrainDslException($"'{path}' cannot be read ({e.Message}); restore it or remove it to compare by metrics.csv alone.", e);
        }
    }

    /// <summary>The table: a row per run; then, when any differ, a row per differing setting with a column per run.</summary>
    public string ToText()
    {
        var c = CultureInfo.InvariantCulture;
        var rows = new List<string[]> { new[] { "run", "metric", "final", "best (epoch)", "epochs", "time", "img/s", "status" } };
        foreach (var r in Runs)
            rows.Add([r.Label, r.PrimaryMetric, r.Final.ToString("F4", c), string.Create(c, $"{r.Best.Value:F4} ({r.Best.Epoch})"),
                r.Epochs.ToString(c), ProgressDisplay.Format(TimeSpan.FromSeconds(r.Seconds)), r.ImagesPerSecond.ToString("F0", c), r.Status]);
        var sb = new StringBuilder();
        Table(sb, rows);
        sb.Append('\n');
        if (DifferingSettings.Count == 0)
        {
            sb.Append(Runs.Count > 1 ? "Every setting is the same in these runs.\n" : "");
            return sb.ToString();
        }
        sb.Append("Settings that differ:\n");
        var settings = new List<string[]> { (string[])["setting", .. Runs.Select(r => r.Label)] };
        foreach (var name in DifferingSettings)
            settings.Add([name, .. Runs.Select(r => r.Settings.TryGetValue(name, out var v) ? PlanSettings.Format(v) : "-")]);
        Table(sb, settings);
        return sb.ToString();
    }

    private static void Table(StringBuilder sb, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
            sb.AppendJoin("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).Append('\n');
    }
}
