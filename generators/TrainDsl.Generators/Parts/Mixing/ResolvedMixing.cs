using System.Linq;

namespace TrainDsl.Generators.Parts.Mixing;

/// <summary>Mixed-sample data augmentation as the step runs it.</summary>
/// <param name="Methods">In declaration order: the first is the base method.</param>
/// <param name="Probability">[Mixing(Probability)], when [Mixing] is declared.</param>
/// <param name="SwitchProbability">[Mixing(SwitchProbability)], when [Mixing] is declared and there are several methods.</param>
internal sealed record ResolvedMixing(
    EquatableArray<ResolvedMixMethod> Methods,
    double? Probability,
    double? SwitchProbability)
{
    /// <summary>The declared methods with their defaults; null when none is declared (TD0009 reports a lone [Mixing]).</summary>
    public static ResolvedMixing? Resolve(EquatableArray<MixMethodPart> methods, MixingPart? mixing)
    {
        if (methods.IsEmpty) return null;
        var resolved = methods.Select(m => new ResolvedMixMethod(
            m.Kind,
            m.Alpha?.Value ?? m.Kind switch
            {
                MixMethodKind.MixUp => Defaults.MixUpAlpha,
                MixMethodKind.CutMix => Defaults.CutMixAlpha,
                _ => Defaults.FMixAlpha,
            },
            m.DecayPower?.Value ?? Defaults.FMixDecayPower));
        return new ResolvedMixing(
            resolved.ToEquatableArray(),
            mixing is null ? null : mixing.Probability?.Value ?? Defaults.MixProbability,
            mixing is null || methods.Count < 2 ? null : mixing.SwitchProbability?.Value ?? Defaults.SwitchProbability);
    }
}

/// <param name="DecayPower">FMix's spectral decay δ; unused by the others.</param>
internal sealed record ResolvedMixMethod(MixMethodKind Kind, double Alpha, double DecayPower);
