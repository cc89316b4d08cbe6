namespace TrainDsl.Generators.Model;

/// <summary><c>[Loss(kind, Gamma = .., Alpha = new[] {..}, LabelSmoothing = ..)]</c>.</summary>
internal sealed record LossPart(
    Argument<LossKind>? Loss,
    Argument<double>? Gamma,
    Argument<EquatableArray<double>>? Alpha,
    Argument<double>? LabelSmoothing,
    LocationInfo? Attribute);
