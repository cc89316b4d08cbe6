namespace TrainDsl.Generators.Parts.Mixing;

/// <summary><c>[Mixing(Probability = .., SwitchProbability = ..)]</c> as written: how often the declared methods apply.</summary>
internal sealed record MixingPart(Argument<double>? Probability, Argument<double>? SwitchProbability, LocationInfo? Attribute)
{
    public static readonly PartOptions<MixingPart> Options = new()
    {
        { nameof(Probability), p => p.Probability, ConfigCheck.Probability },
        { nameof(SwitchProbability), p => p.SwitchProbability, ConfigCheck.Probability },
    };

    public static MixingPart Parse(AttributeArguments args)
        => new(args.Double(nameof(Probability)), args.Double(nameof(SwitchProbability)), args.Attribute);
}
