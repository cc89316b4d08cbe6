using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Metric;

/// <summary>TD0012: a metric declared twice is computed once; the second declaration is dropped.</summary>
internal static class DuplicateMetricRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        var seen = new HashSet<(MetricKind, int)>();
        foreach (var metric in declaration.Metrics)
        {
            if (metric.Metric is not { } kind) continue;
            var k = kind.Value == MetricKind.TopK ? metric.K?.Value ?? Defaults.TopK : 0;
            if (!seen.Add((kind.Value, k)))
            {
                var text = kind.Value == MetricKind.TopK ? "TopK, K = " + k.ToString(System.Globalization.CultureInfo.InvariantCulture) : kind.Value.ToString();
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateMetric, metric.Attribute, text));
            }
        }
    }
}
