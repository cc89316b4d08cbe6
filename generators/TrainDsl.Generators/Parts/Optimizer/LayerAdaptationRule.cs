using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Optimizer;

/// <summary>
/// TD0039: LARS and LAMB without [NoBiasDecay] scale the steps of biases and norm parameters by the trust ratio,
/// which the reference implementations (SimCLR's and BYOL's LARS, BERT's LAMB) exclude.
/// </summary>
internal static class LayerAdaptationRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.NoBiasDecay is not null || declaration.Optimizer?.Optimizer is not { } kind) return;
        var practice = kind.Value switch
        {
            OptimizerKind.Lars => "SimCLR's and BYOL's LARS do",
            OptimizerKind.Lamb => "BERT's LAMB does",
            _ => null,
        };
        if (practice is null) return;

        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerwiseWithoutNoBiasDecay, kind.Location,
            kind.Value == OptimizerKind.Lars ? "LARS" : "LAMB", practice));
    }
}
