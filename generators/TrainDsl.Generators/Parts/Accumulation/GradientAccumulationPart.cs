namespace TrainDsl.Generators.Parts.Accumulation;

/// <summary><c>[GradientAccumulation(Steps = k)]</c> as written.</summary>
internal sealed record GradientAccumulationPart(Argument<int>? Steps, LocationInfo? Attribute)
{
    public static readonly PartOptions<GradientAccumulationPart> Options = new()
    {
        { nameof(Steps), p => p.Steps, ConfigCheck.AtLeastOne },
    };

    /// <summary>The written micro-batches per step, or 1.</summary>
    public int StepsOrDefault => Steps?.Value ?? Defaults.AccumulationSteps;

    public static GradientAccumulationPart Parse(AttributeArguments args) => new(args.Int(nameof(Steps)), args.Attribute);
}

/// <summary>Gradient accumulation as the loop runs it: <paramref name="Steps"/> micro-batches per optimizer step.</summary>
internal sealed record ResolvedGradientAccumulation(int Steps)
{
    /// <summary>The declared accumulation; null without [GradientAccumulation].</summary>
    public static ResolvedGradientAccumulation? Resolve(GradientAccumulationPart? part) => part is null ? null : new(part.StepsOrDefault);
}
