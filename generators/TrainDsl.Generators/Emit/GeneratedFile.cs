namespace TrainDsl.Generators.Emit;

/// <summary>A generated file: <paramref name="Name"/> is its hint name's base (<c>Ns.Name</c>), before it is sanitized and made unique.</summary>
internal sealed record GeneratedFile(string Name, string Source);
