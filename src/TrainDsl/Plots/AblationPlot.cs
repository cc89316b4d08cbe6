using ScottPlot;
using TrainDsl.Ablation;

namespace TrainDsl.Plots;

/// <summary>
/// ablation.png and sweep.png: one bar per variant of its Δ against the reference row (the declared recipe), with
/// the variant's sample standard deviation over the seeds as an error bar and its mean written above it. Δ bars start at
/// 0, so their lengths compare honestly even when the metric itself varies in its third decimal. Skipped variants have
/// no bar; their label says so.
/// </summary>
public static class AblationPlot
{
    public const int Width = 1000;
    public const int Height = 600;

    public static void Save(string path, AblationTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var plot = new Plot();
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var bars = new List<Bar>();
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            bool drawn = row.Skipped is null && row.Runs > 0;
            ticks.AddMajor(i, drawn ? row.Name : row.Name + " (skipped)");
            if (!drawn) continue;
            double delta = table.Delta(row);
            bars.Add(new Bar
            {
                Position = i,
                Value = delta,
                Error = double.IsNaN(row.StandardDeviation) ? 0 : row.StandardDeviation,
                FillColor = i == 0 ? Colors.Gray : delta < 0 ? Colors.C3 : Colors.C0,
                Label = row.Mean.ToString("F4", c),
            });
        }
        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = 12;
        plot.Add.HorizontalLine(0, 1, Colors.Black);

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.TickLabelStyle.Rotation = -30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MinimumSize = 110; // room for the rotated variant names
        plot.Axes.SetLimitsX(-0.6, table.Rows.Count - 0.4);
        var extent = bars.Select(b => Math.Abs(b.Value) + b.Error).DefaultIfEmpty(0).Max();
        extent = extent > 0 ? extent * 1.25 : 0.01;
        plot.Axes.SetLimitsY(-extent, extent);

        var metric = table.Metric.Replace('_', ' ');
        plot.Title($"{table.Title}: Δ against {table.Reference.Name}");
        plot.YLabel($"Δ {metric} (error bar: sd over seeds)");
        plot.SavePng(path, Width, Height);
    }
}
