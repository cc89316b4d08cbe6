using ScottPlot;
using TrainDsl.Runs;

namespace TrainDsl.Plots;

/// <summary>
/// curves.png: per epoch, the train loss, the test loss and the primary metric on the left axis, the learning rate
/// on the right one.
/// </summary>
public static class CurvesPlot
{
    public const string FileName = "curves.png";
    public const int Width = 900;
    public const int Height = 540;

    public static void Save(string path, MetricsTable metrics, string experiment, string primaryMetric)
    {
        var plot = new Plot();
        var epochs = metrics["epoch"];
        Line(plot, epochs, metrics["train_loss"], "train loss", Colors.C0, LinePattern.Solid);
        if (primaryMetric != "test_loss") Line(plot, epochs, metrics["test_loss"], "test loss", Colors.C1, LinePattern.Solid);
        Line(plot, epochs, metrics[primaryMetric], primaryMetric.Replace('_', ' '), Colors.C2, LinePattern.Solid);
        var lr = Line(plot, epochs, metrics["lr"], "learning rate (right axis)", Colors.Gray, LinePattern.Dashed);
        lr.Axes.YAxis = plot.Axes.Right;

        plot.Title(experiment);
        plot.XLabel("epoch");
        plot.YLabel("loss, " + primaryMetric.Replace('_', ' '));
        plot.Axes.Right.Label.Text = "learning rate";
        PlotStyle.EpochTicks(plot, metrics.Epochs);
        plot.ShowLegend(Edge.Bottom); // below the axes: a rising metric ends where an inside legend would sit
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.SavePng(path, Width, Height);
    }

    private static ScottPlot.Plottables.Scatter Line(Plot plot, double[] x, double[] y, string label, Color color, LinePattern pattern)
    {
        var line = plot.Add.Scatter(x, y, color);
        line.LegendText = label;
        line.LinePattern = pattern;
        line.LineWidth = 2;
        line.MarkerSize = x.Length > 30 ? 0 : 6;
        return line;
    }
}
