using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Optimizer;

/// <summary>TD0010: PyTorch's SGD raises for nesterov=True with momentum=0; catch it at compile time.</summary>
internal static class NesterovRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        var optimizer = declaration.Optimizer;
        if (optimizer?.Optimizer?.Value != OptimizerKind.Sgd) return;
        if (optimizer.Nesterov is not { Value: true } nesterov) return;
        if ((optimizer.Momentum?.Value ?? Defaults.SgdMomentum) != 0) return;

        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NesterovWithoutMomentum, nesterov.Location));
    }
}
