namespace TrainDsl.Generators.Model;

/// <summary><c>[RandomCrop(Padding = ..)]</c>.</summary>
internal sealed record RandomCropPart(Argument<int>? Padding, LocationInfo? Attribute);

/// <summary><c>[HorizontalFlip(Probability = ..)]</c>.</summary>
internal sealed record HorizontalFlipPart(Argument<double>? Probability, LocationInfo? Attribute);
