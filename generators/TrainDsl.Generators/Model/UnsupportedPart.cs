namespace TrainDsl.Generators.Model;

/// <summary>
/// An attribute whose spelling exists but that the generated loop does not implement yet
/// (<c>[Amp]</c>): TD0100 names it so nothing is silently ignored.
/// </summary>
/// <param name="Name">The attribute's name without the suffix, as the user writes it: "Amp".</param>
internal sealed record UnsupportedPart(string Name, LocationInfo? Attribute);
