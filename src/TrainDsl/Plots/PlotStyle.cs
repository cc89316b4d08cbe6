using ScottPlot;

namespace TrainDsl.Plots;

/// <summary>What the run's plots share.</summary>
internal static class PlotStyle
{
    /// <summary>Whole-epoch ticks on the bottom axis (no "1.5"), at most about ten of them.</summary>
    public static void EpochTicks(Plot plot, int epochs)
    {
        if (epochs < 1) return;
        int every = Math.Max(1, (int)Math.Ceiling(epochs / 10.0));
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int e = 1; e <= epochs; e += every) ticks.AddMajor(e, e.ToString(System.Globalization.CultureInfo.InvariantCulture));
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimitsX(0.8, Math.Max(epochs, 1) + 0.2);
    }
}
