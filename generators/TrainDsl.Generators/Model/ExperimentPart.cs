namespace TrainDsl.Generators.Model;

/// <summary><c>[Experiment(Epochs = .., BatchSize = .., Seed = ..)]</c>; a null argument was not written.</summary>
internal sealed record ExperimentPart(
    Argument<int>? Epochs,
    Argument<int>? BatchSize,
    Argument<int>? Seed,
    LocationInfo? Attribute);
