using ScottPlot;
using TrainDsl.Runs;

namespace TrainDsl.Plots;

/// <summary>
/// compare.png: every run's primary metric per epoch (solid, left axis) and its train loss (dashed, same colour,
/// right axis), overlaid.
/// </summary>
public static class ComparePlot
{
    public const string FileName = "compare.png";
    public const int Width = 1000;
    public const int Height = 600;

    public static void Save(string path, IReadOnlyList<RunComparison.Run> runs)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            var color = palette.GetColor(i);
            var epochs = run.Metrics["epoch"];
            var metric = plot.Add.Scatter(epochs, run.Metrics[run.PrimaryMetric], color);
            metric.LegendText = run.Label + " " + run.PrimaryMetric.Replace('_', ' ');
            metric.LineWidth = 2;
            metric.MarkerSize = epochs.Length > 30 ? 0 : 6;
            var loss = plot.Add.Scatter(epochs, run.Metrics["train_loss"], color);
            loss.LegendText = run.Label + " train loss (right axis)";
            loss.LinePattern = LinePattern.Dashed;
            loss.LineWidth = 1.5f;
            loss.MarkerSize = 0;
            loss.Axes.YAxis = plot.Axes.Right;
        }
        var metrics = runs.Select(r => r.PrimaryMetric).Distinct().ToList();
        plot.Title("compare: " + string.Join(", ", runs.Select(r => r.Label)));
        plot.XLabel("epoch");
        plot.YLabel(metrics.Count == 1 ? metrics[0].Replace('_', ' ') : "primary metric");
        plot.Axes.Right.Label.Text = "train loss";
        PlotStyle.EpochTicks(plot, runs.Max(r => r.Metrics.Epochs));
        plot.ShowLegend(Edge.Bottom); // below the axes: inside, it would hide some run's points
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.SavePng(path, Width, Height);
    }
}
