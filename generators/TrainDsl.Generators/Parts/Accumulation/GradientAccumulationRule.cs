using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Accumulation;

/// <summary>TD0036: [GradientAccumulation] without Steps, or with Steps = 1, makes every batch its own step: it does nothing.</summary>
internal static class GradientAccumulationRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.GradientAccumulation is { } part && part.StepsOrDefault == 1)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AccumulationOfOneStep, part.Steps?.Location ?? part.Attribute));
    }
}
