using System.Collections.Generic;
using System.Globalization;

namespace TrainDsl.Generators.Parts.Metric;

/// <summary>
/// TD0043: top-K accuracy with K at least the class count counts every prediction as right (it reports 1.0), so with a
/// built-in dataset, whose class count is known at compile time, such a K is an error. A source of the user's, or an
/// image folder, counts its classes only at run time.
/// </summary>
internal static class TopKClassCountRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.Data?.Dataset?.Value is not { } dataset || BuiltInDatasets.ClassCount(dataset) is not { } classes) return;
        foreach (var metric in declaration.Metrics)
        {
            if (metric is not { Metric.Value: MetricKind.TopK, K: { } k } || k.Value < classes) continue;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TopKNotBelowClassCount, k.Location,
                k.Value.ToString(CultureInfo.InvariantCulture), BuiltInDatasets.Name(dataset),
                classes.ToString(CultureInfo.InvariantCulture), (classes - 1).ToString(CultureInfo.InvariantCulture)));
        }
    }
}
