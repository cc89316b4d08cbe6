using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Optimizer;

/// <summary>TD0038: Adam's weight decay is L2 in the gradient, which the adaptive step weakens (Loshchilov &amp; Hutter 2019); AdamW decouples it.</summary>
internal static class AdamWeightDecayRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.Optimizer is not { Optimizer.Value: OptimizerKind.Adam, WeightDecay: { } decay }) return;
        if (!(decay.Value > 0)) return; // 0 is Adam's default; a negative value is TD0004's

        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AdamWithWeightDecay, decay.Location, CSharpLiteral.Double(decay.Value)));
    }
}
