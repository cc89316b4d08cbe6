using System.Globalization;
using System.Text;

namespace TrainDsl.Ablation;

/// <summary>
/// The Bag of Tricks table (He et al. 2019, Tables 5–6): one row per variant with the mean ± sample standard deviation of
/// the primary metric's final-epoch value over the seeds, its Δ against the first row (the declared recipe, or a sweep's
/// first grid point), and the mean wall time and training images per second of a run. Written as Markdown
/// (ablation.md, sweep.md), CSV and a printed table.
/// </summary>
public sealed class AblationTable
{
    /// <summary>One variant: its runs' final primary metric, seconds and img/s (one entry per seed), or why it was skipped.</summary>
    public sealed record Row(string Name, IReadOnlyList<string> Settings, IReadOnlyList<double> Finals,
        IReadOnlyList<double> Seconds, IReadOnlyList<double> ImagesPerSecond, string? Skipped = null)
    {
        public int Runs => Finals.Count;

        /// <summary>The mean of the final values; NaN without runs.</summary>
        public double Mean => Finals.Count == 0 ? double.NaN : Finals.Average();

        /// <summary>The sample standard deviation √(Σ(x − x̄)² / (n − 1)); NaN for fewer than two runs.</summary>
        public double StandardDeviation => SampleStandardDeviation(Finals);

        public double MeanSeconds => Seconds.Count == 0 ? double.NaN : Seconds.Average();

        public double MeanImagesPerSecond => ImagesPerSecond.Count == 0 ? double.NaN : ImagesPerSecond.Average();
    }

    public AblationTable(string title, string metric, string seeds, IReadOnlyList<Row> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("An ablation table needs at least its reference row.", nameof(rows));
        Title = title;
        Metric = metric;
        Seeds = seeds;
        Rows = rows;
    }

    /// <summary>"Ablation of FashionFullRecipe".</summary>
    public string Title { get; }

    /// <summary>The primary metric's metrics.csv column.</summary>
    public string Metric { get; }

    /// <summary>Which seeds ran, for the caption: "3 seeds (Seed 3, 4, 5)".</summary>
    public string Seeds { get; }

    /// <summary>The reference row first.</summary>
    public IReadOnlyList<Row> Rows { get; }

    public Row Reference => Rows[0];

    /// <summary>The row's mean minus the reference's; NaN when either has no runs; 0 for the reference itself.</summary>
    public double Delta(Row row) => row.Mean - Reference.Mean;

    /// <summary>√(Σ(x − x̄)² / (n − 1)), the sample standard deviation (numpy's std with ddof=1); NaN for fewer than two values.</summary>
    public static double SampleStandardDeviation(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2) return double.NaN;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private string MeanText(Row row) => row.Skipped is not null ? "skipped"
        : row.Runs == 0 ? "-"
        : double.IsNaN(row.StandardDeviation) ? row.Mean.ToString("F4", C)
        : string.Create(C, $"{row.Mean:F4} ± {row.StandardDeviation:F4}");

    private string DeltaText(Row row) => ReferenceEquals(row, Reference) || row.Skipped is not null || double.IsNaN(Delta(row)) ? ""
        : (Delta(row) >= 0 ? "+" : "−") + Math.Abs(Delta(row)).ToString("F4", C);

    private static string TimeText(Row row) => double.IsNaN(row.MeanSeconds) ? "" : Runs.ProgressDisplay.Format(TimeSpan.FromSeconds(row.MeanSeconds));

    private static string RateText(Row row) => double.IsNaN(row.MeanImagesPerSecond) ? "" : row.MeanImagesPerSecond.ToString("F0", C);

    private string[] Header => ["variant", Metric + " (mean ± sd)", "Δ", "time / run", "img/s", "runs", "settings"];

    private string[] Cells(Row row) =>
        [row.Name, MeanText(row), DeltaText(row), TimeText(row), RateText(row), row.Runs.ToString(C),
            row.Skipped is { } why ? "skipped: " + why : string.Join(", ", row.Settings)];

    private string Caption =>
        $"{Metric} of the final epoch on the test set, mean ± sample standard deviation over {Seeds}; Δ against {Reference.Name}. " +
        "Time and img/s are the mean of a run.";

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(Title).Append("\n\n").Append(Caption).Append("\n\n");
        sb.Append("| ").Append(string.Join(" | ", Header)).Append(" |\n");
        sb.Append("|").Append(string.Concat(Header.Select((_, i) => i is >= 1 and <= 5 ? "---:|" : "---|"))).Append('\n');
        foreach (var row in Rows)
            sb.Append("| ").Append(string.Join(" | ", Cells(row).Select(c => c.Replace("|", "\\|")))).Append(" |\n");
        return sb.ToString();
    }

    /// <summary>One line per variant; the final values of every seed in <c>finals</c>, separated by semicolons.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder("variant,settings,runs,mean,sd,delta,seconds,images_per_second,finals,skipped\n");
        foreach (var row in Rows)
        {
            string Number(double v) => double.IsNaN(v) ? "" : v.ToString("R", C);
            sb.AppendJoin(',', [
                Csv(row.Name), Csv(string.Join(" ", row.Settings)), row.Runs.ToString(C), Number(row.Mean), Number(row.StandardDeviation),
                row.Skipped is null ? Number(Delta(row)) : "", Number(row.MeanSeconds), Number(row.MeanImagesPerSecond),
                Csv(string.Join(";", row.Finals.Select(v => v.ToString("R", C)))), Csv(row.Skipped ?? ""),
            ]).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The table for the console: aligned columns, then the caption.</summary>
    public string ToText()
    {
        var rows = new List<string[]> { Header };
        rows.AddRange(Rows.Select(Cells));
        var widths = Enumerable.Range(0, Header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var sb = new StringBuilder(Title).Append('\n');
        foreach (var row in rows)
            sb.Append(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd()).Append('\n');
        return sb.Append(Caption).Append('\n').ToString();
    }

    private static string Csv(string text) =>
        text.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
