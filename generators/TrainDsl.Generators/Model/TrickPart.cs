namespace TrainDsl.Generators.Model;

/// <summary>An attribute without arguments that switches a trick on: <c>[ZeroGamma]</c>, <c>[NoBiasDecay]</c>.</summary>
internal sealed record TrickPart(LocationInfo? Attribute);
