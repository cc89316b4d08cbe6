using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Mixing;

/// <summary>TD0009 for [Mixing]: it does nothing without a mixing method, and SwitchProbability nothing with one method.</summary>
internal static class MixingOptionRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.Mixing is not { } mixing) return;
        if (declaration.MixMethods.IsEmpty)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OptionIgnored, mixing.Attribute, "[Mixing]", "a recipe without [MixUp], [CutMix] or [FMix]"));
        else if (declaration.MixMethods.Count == 1 && mixing.SwitchProbability is { } switchProbability)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OptionIgnored, switchProbability.Location,
                nameof(MixingPart.SwitchProbability), "a single mixing method"));
    }
}
