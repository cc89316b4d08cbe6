using System.Collections.Generic;
using System.Linq;

namespace TrainDsl.Generators.Parts.Metric;

/// <summary>A metric as Evaluate computes it.</summary>
/// <param name="K">For TopK: k; Accuracy is top-1.</param>
internal sealed record ResolvedMetric(MetricKind Kind, int K)
{
    public static ResolvedMetric Resolve(MetricPart metric)
    {
        var kind = metric.Metric!.Value;
        return new ResolvedMetric(kind, kind == MetricKind.TopK ? metric.K?.Value ?? Defaults.TopK : 1);
    }

    /// <summary>The declared metrics other than Loss (the test loss is always reported), or Accuracy when none is declared.</summary>
    public static EquatableArray<ResolvedMetric> ResolveAll(EquatableArray<MetricPart> metrics)
    {
        var resolved = new List<ResolvedMetric>();
        foreach (var metric in metrics)
        {
            var item = Resolve(metric);
            // The test loss is always reported; TD0012 reports a duplicate.
            if (item.Kind != MetricKind.Loss && !resolved.Contains(item)) resolved.Add(item);
        }
        if (metrics.IsEmpty) resolved.Add(new ResolvedMetric(Defaults.Metric, 1));
        return resolved.ToEquatableArray();
    }

    /// <summary>The metric declared with Primary = true, if any.</summary>
    public static ResolvedMetric? Primary(EquatableArray<MetricPart> metrics)
    {
        var primary = metrics.FirstOrDefault(m => m.Primary is { Value: true } && m.Metric is not null);
        return primary is null ? null : Resolve(primary);
    }

    /// <summary>
    /// What Plateau watches: Monitor, else the metric marked Primary (the rules require one of them).
    /// TopK means the first declared TopK.
    /// </summary>
    public static ResolvedMetric? Monitored(ExperimentDeclaration declaration)
    {
        if (declaration.Schedule?.Monitor is not { } monitor) return Primary(declaration.Metrics);
        if (monitor.Value != MetricKind.TopK) return new ResolvedMetric(monitor.Value, 1);
        var topK = declaration.Metrics.FirstOrDefault(m => m.Metric?.Value == MetricKind.TopK);
        return topK is null ? null : new ResolvedMetric(MetricKind.TopK, topK.K?.Value ?? Defaults.TopK);
    }
}
