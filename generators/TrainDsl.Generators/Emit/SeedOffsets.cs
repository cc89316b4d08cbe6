namespace TrainDsl.Generators.Emit;

/// <summary>
/// Each random part of the step draws from its own generator, seeded with config.Seed plus an offset of its
/// own. The loader seeds epoch e with Seed + e, so the offsets are far apart: no two generators share a seed.
/// </summary>
internal static class SeedOffsets
{
    public const string Crop = "1_000_000";
    public const string Flip = "2_000_000";
    public const string Mixing = "3_000_000";
    public const string ResizedCrop = "4_000_000";

    public static void Write(SourceWriter writer, string name, string value, string part)
    {
        writer.Line("/// <summary>" + part + "'s generator is seeded with Seed + this, far from the loader's Seed + epoch.</summary>");
        writer.Line("private const long " + name + " = " + value + ";");
    }
}
