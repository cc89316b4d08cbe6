using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Optimizer;

/// <summary>
/// TD0015: [NoBiasDecay] exempts biases and norms from weight decay; with a weight decay of 0 (written, or the
/// default of Adam and RMSprop) nothing is decayed anyway. LARS and LAMB are exempt: their no-decay group also
/// skips the trust ratio, which matters without decay.
/// </summary>
internal static class NoBiasDecayRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.NoBiasDecay is not { } trick) return;
        if (declaration.Optimizer is not { Optimizer: { } kind } optimizer) return;
        if (kind.Value is OptimizerKind.Lars or OptimizerKind.Lamb) return;
        if ((optimizer.WeightDecay?.Value ?? ResolvedOptimizer.DefaultWeightDecay(kind.Value)) != 0) return;

        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoBiasDecayWithoutWeightDecay, trick.Attribute));
    }
}
