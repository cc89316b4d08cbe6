using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.EarlyStopping;

/// <summary>
/// TD0033: a patience of at least the run's epochs can never stop it (the first epoch only sets the best value, so
/// at most Epochs − 1 epochs can go without improvement).
/// </summary>
internal static class EarlyStoppingRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.EarlyStopping is not { } stopping) return;
        int patience = stopping.Patience?.Value ?? Defaults.EarlyStoppingPatience;
        int epochs = declaration.Experiment.EpochsOrDefault;
        if (patience >= 1 && patience >= epochs)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EarlyStoppingNeverStops,
                stopping.Patience?.Location ?? stopping.Attribute, CSharpLiteral.Int(patience), CSharpLiteral.Int(epochs)));
    }
}
