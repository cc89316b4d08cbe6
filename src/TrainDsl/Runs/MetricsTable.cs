using System.Globalization;

namespace TrainDsl.Runs;

/// <summary>
/// metrics.csv as numbers: one row per epoch, a column per header name. Built from the file, or from the epochs'
/// <see cref="EpochRecord.Cells"/> (the text the file holds), so both give the same values.
/// </summary>
public sealed class MetricsTable
{
    private readonly Dictionary<string, double[]> columns;

    private MetricsTable(IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<string>> rows, string source)
    {
        Names = names;
        columns = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (int c = 0; c < names.Count; c++)
        {
            var values = new double[rows.Count];
            for (int r = 0; r < rows.Count; r++)
            {
                if (rows[r].Count != names.Count || !double.TryParse(rows[r][c], NumberStyles.Float, CultureInfo.InvariantCulture, out values[r]))
                    throw new TrainDslException($"Row {r + 2} of '{source}' does not hold {names.Count} numbers; restore the file or run the experiment again.");
            }
            columns[names[c]] = values;
        }
        Epochs = rows.Count;
    }

    /// <summary>The column names, in the file's order.</summary>
    public IReadOnlyList<string> Names { get; }

    public int Epochs { get; }

    /// <summary>A column's values by epoch; an empty array when there is no such column.</summary>
    public double[] this[string column] => columns.TryGetValue(column, out var values) ? values : [];

    public bool Has(string column) => columns.ContainsKey(column);

    public static MetricsTable Of(IReadOnlyList<EpochRecord> history)
    {
        var cells = history.Select(r => r.Cells()).ToList();
        IReadOnlyList<string> names = cells.Count > 0 ? [.. cells[0].Select(c => c.Key)] : [];
        return new MetricsTable(names, [.. cells.Select(row => (IReadOnlyList<string>)[.. row.Select(c => c.Value)])], "the run's epochs");
    }

    /// <summary>Reads a metrics.csv; one sentence names a row that is not numbers.</summary>
    public static MetricsTable Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(line => line.Length > 0).ToList();
        if (lines.Count == 0) return new MetricsTable([], [], path);
        return new MetricsTable(lines[0].Split(','), [.. lines.Skip(1).Select(line => (IReadOnlyList<string>)line.Split(','))], path);
    }
}
