using System.Globalization;
using ScottPlot;

namespace TrainDsl.Plots;

/// <summary>
/// confusion.png: the confusion matrix with each row divided by its count (so a row shows where that class's test
/// images went, and the diagonal is each class's recall), class names on both axes and the share in every cell.
/// </summary>
public static class ConfusionPlot
{
    public const string FileName = "confusion.png";

    /// <summary>The picture's side in pixels: room for the names and, up to 20 classes, readable cell values.</summary>
    public static int Size(int classes) => Math.Clamp(260 + 48 * classes, 600, 1600);

    public static void Save(string path, long[,] counts, IReadOnlyList<string> names, string title)
    {
        int k = counts.GetLength(0);
        var shares = new double[k, k];
        for (int r = 0; r < k; r++)
        {
            long total = 0;
            for (int c = 0; c < k; c++) total += counts[r, c];
            for (int c = 0; c < k; c++) shares[r, c] = total == 0 ? double.NaN : counts[r, c] / (double)total;
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(shares);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(heatmap);
        // ScottPlot centres cell (r, c) at x = c, y = k - 1 - r: row 0 (the first class) on top, as a printed matrix reads.

        if (k <= 20)
        {
            float fontSize = k <= 10 ? 13 : 10;
            for (int r = 0; r < k; r++)
            for (int c = 0; c < k; c++)
            {
                if (double.IsNaN(shares[r, c])) continue;
                var text = plot.Add.Text(shares[r, c].ToString("0.00", CultureInfo.InvariantCulture), c, k - 1 - r);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelFontSize = fontSize;
                text.LabelFontColor = shares[r, c] > 0.6 ? Colors.Black : Colors.White; // Viridis is dark below, light above
            }
        }

        var bottom = new ScottPlot.TickGenerators.NumericManual();
        var left = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < k; i++)
        {
            bottom.AddMajor(i, names[i]);
            left.AddMajor(k - 1 - i, names[i]);
        }
        plot.Axes.Bottom.TickGenerator = bottom;
        plot.Axes.Left.TickGenerator = left;
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        // Room below the matrix for the slanted names and the axis label; ScottPlot sizes it for level text.
        plot.Axes.Bottom.MinimumSize = 40 + 7 * names.Max(n => n.Length);
        plot.Axes.SetLimits(-0.5, k - 0.5, -0.5, k - 0.5);
        plot.Grid.IsVisible = false;
        plot.Title(title + " (each row divided by its class's count)");
        plot.XLabel("predicted class");
        plot.YLabel("true class");
        int size = Size(k);
        plot.SavePng(path, size, size);
    }
}
