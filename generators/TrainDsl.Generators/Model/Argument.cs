namespace TrainDsl.Generators.Model;

/// <summary>A value the user wrote in an attribute, and where, so a rule can point at it.</summary>
internal sealed record Argument<T>(T Value, LocationInfo? Location);
