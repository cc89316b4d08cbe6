namespace TrainDsl.Generators.Parts.Mixing;

/// <summary>A mixed-sample method; the order of declaration is the order the policy lists them (the first is the base).</summary>
internal enum MixMethodKind { MixUp, CutMix, FMix }

/// <summary><c>[MixUp(Alpha = ..)]</c>, <c>[CutMix(Alpha = ..)]</c> or <c>[FMix(Alpha = .., DecayPower = ..)]</c> as written.</summary>
internal sealed record MixMethodPart(MixMethodKind Kind, Argument<double>? Alpha, Argument<double>? DecayPower, LocationInfo? Attribute)
{
    public static readonly PartOptions<MixMethodPart> Options = new()
    {
        { nameof(Alpha), p => p.Alpha, ConfigCheck.Positive },
        { nameof(DecayPower), p => p.DecayPower, ConfigCheck.Positive },
    };

    /// <summary>Only FMix has a DecayPower; the others' attributes have no such property.</summary>
    public static MixMethodPart Parse(MixMethodKind kind, AttributeArguments args) => new(
        kind,
        args.Double(nameof(Alpha)),
        kind == MixMethodKind.FMix ? args.Double(nameof(DecayPower)) : null,
        args.Attribute);
}
