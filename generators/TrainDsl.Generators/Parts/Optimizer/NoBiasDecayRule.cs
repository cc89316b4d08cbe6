using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Optimizer;

/// <summary>TD0015: [NoBiasDecay] exempts biases and norms from weight decay; with WeightDecay = 0 nothing is decayed anyway.</summary>
internal static class NoBiasDecayRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.NoBiasDecay is not { } trick) return;
        if (declaration.Optimizer is not { WeightDecay: { Value: 0 } }) return;

        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoBiasDecayWithoutWeightDecay, trick.Attribute));
    }
}
