namespace TrainDsl.Generators.Parts.ClipGradNorm;

/// <summary><c>[ClipGradNorm]</c>, <c>[ClipGradNorm(MaxNorm = ..)]</c> as written.</summary>
internal sealed record ClipGradNormPart(Argument<double>? MaxNorm, LocationInfo? Attribute)
{
    /// <summary>The largest gradient norm when not written, as in the runtime attribute.</summary>
    public const double DefaultMaxNorm = 1;

    public static readonly PartOptions<ClipGradNormPart> Options = new()
    {
        { nameof(MaxNorm), p => p.MaxNorm, ConfigCheck.Positive },
    };

    public static ClipGradNormPart Parse(AttributeArguments args) => new(args.Double(nameof(MaxNorm)), args.Attribute);

    /// <summary>The norm the loop clips to; null without [ClipGradNorm].</summary>
    public static double? Resolve(ClipGradNormPart? part) => part is null ? null : part.MaxNorm?.Value ?? DefaultMaxNorm;
}
