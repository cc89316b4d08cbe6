namespace TrainDsl.Generators.Parts.Augment;

/// <summary><c>[HorizontalFlip(Probability = ..)]</c> as written.</summary>
internal sealed record HorizontalFlipPart(Argument<double>? Probability, LocationInfo? Attribute)
{
    public static readonly PartOptions<HorizontalFlipPart> Options = new()
    {
        { nameof(Probability), p => p.Probability, ConfigCheck.Probability },
    };

    public static HorizontalFlipPart Parse(AttributeArguments args) => new(args.Double(nameof(Probability)), args.Attribute);
}
