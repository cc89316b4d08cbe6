namespace TrainDsl.Generators.Model;

/// <summary><c>[Data(dataset, TrainLimit = .., TestLimit = ..)]</c>; <see cref="Dataset"/> is null when malformed.</summary>
internal sealed record DataPart(
    Argument<DatasetKind>? Dataset,
    Argument<int>? TrainLimit,
    Argument<int>? TestLimit,
    LocationInfo? Attribute);
