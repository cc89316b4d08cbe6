namespace TrainDsl;

/// <summary>A metric computed on the test set every epoch. Without any, accuracy is reported.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class MetricAttribute(MetricKind metric) : Attribute
{
    public MetricKind Metric { get; } = metric;

    /// <summary>For <see cref="MetricKind.TopK"/>: k. Default 5.</summary>
    public int K { get; set; }

    /// <summary>
    /// This metric selects the best checkpoint (best.bin) and drives [Schedule(Plateau)] unless it
    /// names another. Default: the first declared metric.
    /// </summary>
    public bool Primary { get; set; }
}
