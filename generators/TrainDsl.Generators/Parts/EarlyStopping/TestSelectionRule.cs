using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.EarlyStopping;

/// <summary>
/// TD0032 (info): [EarlyStopping] without <c>[Data(Validation = ..)]</c> decides how long to train on test-set metrics,
/// so the reported test metrics are no longer an unbiased estimate. best.bin and a plateau schedule select on the test
/// set too when no validation split is declared, but every run writes best.bin and plateau recipes predate the split,
/// so those say it in the plan ("Selection" line, plan.json's selectedOn) rather than in a diagnostic on every build.
/// </summary>
internal static class TestSelectionRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.Data is not { Validation: null } || declaration.EarlyStopping is not { } stopping) return;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SelectsOnTestSet, stopping.Attribute));
    }
}
