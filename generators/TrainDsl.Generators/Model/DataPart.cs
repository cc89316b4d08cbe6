namespace TrainDsl.Generators.Model;

/// <summary><c>[Data(dataset, TrainLimit = .., TestLimit = .., Imbalance = ..)]</c>; <see cref="Dataset"/> is null when malformed.</summary>
internal sealed record DataPart(
    Argument<DatasetKind>? Dataset,
    Argument<int>? TrainLimit,
    Argument<int>? TestLimit,
    Argument<double>? Imbalance,
    LocationInfo? Attribute);
