namespace TrainDsl.Generators.Parts.Ema;

/// <summary><c>[Ema(Decay = .., WarmupSteps = .., WarmupPower = ..)]</c> as written.</summary>
internal sealed record EmaPart(
    Argument<double>? Decay,
    Argument<int>? WarmupSteps,
    Argument<double>? WarmupPower,
    LocationInfo? Attribute)
{
    public static readonly PartOptions<EmaPart> Options = new()
    {
        { nameof(Decay), p => p.Decay, ConfigCheck.Shrinking },
        { nameof(WarmupSteps), p => p.WarmupSteps, ConfigCheck.ZeroOrMore },
        { nameof(WarmupPower), p => p.WarmupPower, ConfigCheck.Positive },
    };

    public static EmaPart Parse(AttributeArguments args) => new(
        args.Double(nameof(Decay)),
        args.Int(nameof(WarmupSteps)),
        args.Double(nameof(WarmupPower)),
        args.Attribute);
}

/// <summary>The weight EMA as the loop runs it (timm's ModelEmaV2, with ModelEmaV3's warmup when WarmupSteps &gt; 0).</summary>
internal sealed record ResolvedEma(double Decay, int WarmupSteps, double WarmupPower)
{
    /// <summary>The declared EMA with its defaults; null without [Ema].</summary>
    public static ResolvedEma? Resolve(EmaPart? ema) => ema is null ? null : new(
        ema.Decay?.Value ?? Defaults.EmaDecay,
        ema.WarmupSteps?.Value ?? Defaults.EmaWarmupSteps,
        ema.WarmupPower?.Value ?? Defaults.EmaWarmupPower);
}
