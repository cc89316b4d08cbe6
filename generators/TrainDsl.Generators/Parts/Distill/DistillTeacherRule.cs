using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Distill;

/// <summary>
/// TD0020: the teacher is another model, not the experiment itself. TD0021: it is an [Experiment] class without
/// errors of its own or a constructible Module&lt;Tensor, Tensor&gt;. TD0022: a module type's weights need a Checkpoint (an
/// experiment's default to its newest run).
/// </summary>
internal static class DistillTeacherRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.Distill is not { Teacher: { } teacher } distill) return;

        switch (teacher.Kind)
        {
            case TeacherKind.Self:
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TeacherIsSelf, distill.TeacherArgument, declaration.Name));
                break;
            case TeacherKind.BrokenExperiment:
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidTeacher, distill.TeacherArgument, teacher.DisplayName,
                    "is an [Experiment] with errors of its own, so nothing is generated for it; fix its errors first"));
                break;
            case TeacherKind.Neither:
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidTeacher, distill.TeacherArgument, teacher.DisplayName,
                    "is neither an [Experiment] class nor a TorchSharp Module<Tensor, Tensor>"));
                break;
            case TeacherKind.Module when teacher.Problem != ModelTypeProblem.None:
                var problem = teacher.Problem switch
                {
                    ModelTypeProblem.Abstract => "is abstract",
                    ModelTypeProblem.OpenGeneric => "is an open generic type",
                    _ => "has no public (int inChannels, int classes) or parameterless constructor",
                };
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidTeacher, distill.TeacherArgument, teacher.DisplayName, problem));
                break;
            case TeacherKind.Module when distill.Checkpoint is null:
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TeacherCheckpointMissing, distill.Attribute, teacher.DisplayName));
                break;
        }
    }
}
