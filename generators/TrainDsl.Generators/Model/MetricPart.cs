namespace TrainDsl.Generators.Model;

/// <summary>One <c>[Metric(kind, K = ..)]</c>.</summary>
internal sealed record MetricPart(
    Argument<MetricKind>? Metric,
    Argument<int>? K,
    LocationInfo? Attribute);
