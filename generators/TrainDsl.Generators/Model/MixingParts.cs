namespace TrainDsl.Generators.Model;

/// <summary>A mixed-sample method; the order of declaration is the order the policy lists them (the first is the base).</summary>
internal enum MixMethodKind { MixUp, CutMix, FMix }

/// <summary><c>[MixUp(Alpha = ..)]</c>, <c>[CutMix(Alpha = ..)]</c> or <c>[FMix(Alpha = .., DecayPower = ..)]</c>.</summary>
internal sealed record MixMethodPart(MixMethodKind Kind, Argument<double>? Alpha, Argument<double>? DecayPower, LocationInfo? Attribute);

/// <summary><c>[Mixing(Probability = .., SwitchProbability = ..)]</c>: how often the declared methods apply.</summary>
internal sealed record MixingPart(Argument<double>? Probability, Argument<double>? SwitchProbability, LocationInfo? Attribute);
