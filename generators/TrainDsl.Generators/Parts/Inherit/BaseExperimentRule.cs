using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Inherit;

/// <summary>
/// TD0051: the topmost experiment of a hierarchy derives from object. A base class without [Experiment] would have its recipe
/// attributes ignored, so it is rejected rather than guessed at; a class deriving from an experiment is one itself.
/// </summary>
internal static class BaseExperimentRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.NonExperimentBase is { } problem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BaseIsNotExperiment, problem.Location, problem.Experiment, problem.BaseType));
        }
    }
}
