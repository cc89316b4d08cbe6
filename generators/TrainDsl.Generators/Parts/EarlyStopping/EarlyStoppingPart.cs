namespace TrainDsl.Generators.Parts.EarlyStopping;

/// <summary><c>[EarlyStopping(Patience = .., MinDelta = ..)]</c> as written.</summary>
internal sealed record EarlyStoppingPart(Argument<int>? Patience, Argument<double>? MinDelta, LocationInfo? Attribute)
{
    public static readonly PartOptions<EarlyStoppingPart> Options = new()
    {
        { nameof(Patience), p => p.Patience, ConfigCheck.AtLeastOne },
        { nameof(MinDelta), p => p.MinDelta, ConfigCheck.ZeroOrMore },
    };

    public static EarlyStoppingPart Parse(AttributeArguments args)
        => new(args.Int(nameof(Patience)), args.Double(nameof(MinDelta)), args.Attribute);
}

/// <summary>Early stopping with its defaults; the Config properties start from them.</summary>
internal sealed record ResolvedEarlyStopping(int Patience, double MinDelta)
{
    /// <summary>The declared rule with Lightning's defaults (patience 3, min delta 0); null without [EarlyStopping].</summary>
    public static ResolvedEarlyStopping? Resolve(EarlyStoppingPart? part) => part is null ? null
        : new(part.Patience?.Value ?? Defaults.EarlyStoppingPatience, part.MinDelta?.Value ?? Defaults.EarlyStoppingMinDelta);
}
