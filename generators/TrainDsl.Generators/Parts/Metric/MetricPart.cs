namespace TrainDsl.Generators.Parts.Metric;

/// <summary>One <c>[Metric(kind, K = .., Primary = ..)]</c> as written.</summary>
internal sealed record MetricPart(
    Argument<MetricKind>? Metric,
    Argument<int>? K,
    Argument<bool>? Primary,
    LocationInfo? Attribute)
{
    /// <summary>Which metric takes which option, and their ranges.</summary>
    public static readonly PartOptions<MetricPart> Options = new(p => p.Metric, "metric")
    {
        { nameof(K), p => p.K, ConfigCheck.AtLeastOne, MetricKind.TopK },
        { nameof(Primary), p => p.Primary, null },
    };

    public static MetricPart Parse(AttributeArguments args)
        => new(args.PositionalEnum<MetricKind>(0), args.Int(nameof(K)), args.Bool(nameof(Primary)), args.Attribute);
}
