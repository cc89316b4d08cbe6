namespace TrainDsl.Generators.Parts.Augment;

/// <summary><c>[RandomCrop(Padding = ..)]</c> as written.</summary>
internal sealed record RandomCropPart(Argument<int>? Padding, LocationInfo? Attribute)
{
    public static readonly PartOptions<RandomCropPart> Options = new()
    {
        { nameof(Padding), p => p.Padding, ConfigCheck.AtLeastOne },
    };

    public static RandomCropPart Parse(AttributeArguments args) => new(args.Int(nameof(Padding)), args.Attribute);
}
