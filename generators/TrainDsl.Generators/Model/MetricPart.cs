namespace TrainDsl.Generators.Model;

/// <summary>One <c>[Metric(kind, K = .., Primary = ..)]</c>.</summary>
internal sealed record MetricPart(
    Argument<MetricKind>? Metric,
    Argument<int>? K,
    Argument<bool>? Primary,
    LocationInfo? Attribute);
