using System.Globalization;
using TrainDsl.Runs;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>A run folder's metrics.csv, read by column name.</summary>
internal sealed class MetricsCsv
{
    private readonly string[] header;
    private readonly string[][] rows;

    public MetricsCsv(string runFolder)
    {
        var lines = File.ReadAllLines(Path.Combine(runFolder, RunFolder.MetricsFile));
        header = lines[0].Split(',');
        rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
    }

    public int Epochs => rows.Length;

    /// <summary>Asserts the rates equal the expected ones to 1e-12 (they are products of decimal fractions).</summary>
    public static void AssertRates(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12, $"epoch {i + 1}: expected {expected[i]:R}, got {actual[i]:R}");
    }

    /// <summary>The column's value in each epoch, in order.</summary>
    public double[] Column(string name)
    {
        int index = Array.IndexOf(header, name);
        Assert.True(index >= 0, $"metrics.csv has no column '{name}': {string.Join(",", header)}");
        return rows.Select(r => double.Parse(r[index], CultureInfo.InvariantCulture)).ToArray();
    }
}
