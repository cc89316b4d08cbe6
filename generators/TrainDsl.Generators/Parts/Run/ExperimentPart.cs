namespace TrainDsl.Generators.Parts.Run;

/// <summary><c>[Experiment(Epochs = .., BatchSize = .., Seed = ..)]</c> as written; a null argument was not written.</summary>
internal sealed record ExperimentPart(
    Argument<int>? Epochs,
    Argument<int>? BatchSize,
    Argument<int>? Seed,
    LocationInfo? Attribute)
{
    public static readonly PartOptions<ExperimentPart> Options = new()
    {
        { nameof(Epochs), p => p.Epochs, ConfigCheck.Epochs },
        { nameof(BatchSize), p => p.BatchSize, ConfigCheck.BatchSize },
        { nameof(Seed), p => p.Seed, null },
    };

    /// <summary>A derived experiment without [Experiment] of its own: every argument comes from its base.</summary>
    public static readonly ExperimentPart None = new(null, null, null, null);

    /// <summary>The declared batch size, or the default.</summary>
    public int BatchSizeOrDefault => BatchSize?.Value ?? Defaults.BatchSize;

    /// <summary>The declared number of epochs, or the default.</summary>
    public int EpochsOrDefault => Epochs?.Value ?? Defaults.Epochs;

    public static ExperimentPart Parse(AttributeArguments args)
        => new(args.Int(nameof(Epochs)), args.Int(nameof(BatchSize)), args.Int(nameof(Seed)), args.Attribute);
}
