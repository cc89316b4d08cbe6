namespace TrainDsl.Generators.Model;

/// <summary><c>[Optimizer(kind, LearningRate = .., ...)]</c>; each argument is null when not written.</summary>
internal sealed record OptimizerPart(
    Argument<OptimizerKind>? Optimizer,
    Argument<double>? LearningRate,
    Argument<double>? Momentum,
    Argument<bool>? Nesterov,
    Argument<double>? WeightDecay,
    Argument<double>? Beta1,
    Argument<double>? Beta2,
    Argument<double>? Epsilon,
    LocationInfo? Attribute);
