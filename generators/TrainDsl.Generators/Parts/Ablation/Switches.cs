namespace TrainDsl.Generators.Parts.Ablation;

/// <summary>
/// The Config properties that switch a declared trick off at run time (false), one source for the part emitters that
/// declare and honour them and for the ablation variants that set them. Label smoothing and warmup need none: their
/// own values switch them off (LabelSmoothing = 0, WarmupEpochs = 0).
/// </summary>
internal static class Switches
{
    public const string Mixing = "Mixing";
    public const string Distill = "Distill";
    public const string ZeroGamma = "ZeroGamma";
    public const string NoBiasDecay = "NoBiasDecay";
    public const string Amp = "Amp";
    public const string Crop = "Crop";
    public const string Flip = "Flip";

    /// <summary>A switch property, true as declared; <paramref name="doc"/> says what it switches.</summary>
    public static ConfigProperty Property(string name, string doc)
        => new(name, "bool", "true", doc + "; false switches it off (--set " + name + "=false, as ablate does).", null);

    /// <summary>The plan's mark after a trick's words when its switch is off.</summary>
    public static PlanText Off(this PlanText text, string name) => text.Hole("config." + name + " ? \"\" : \" (switched off)\"");
}
