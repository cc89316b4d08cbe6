using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Run;

/// <summary>
/// TD0002: the class must be partial, since the generator adds to it. TD0011: it must be a top-level,
/// non-generic class, not a record: the generated part is emitted at namespace level as
/// <c>partial class Name</c> (nesting would need every containing type to be partial too, and a generic
/// experiment has no single config). Static and abstract classes work: every generated member is static
/// or a nested type.
/// </summary>
internal static class ExperimentClassRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        var shape = declaration.Shape;
        if (!shape.IsPartial)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExperimentNotPartial, declaration.Identifier, declaration.Name));
        }

        var unsupported =
            shape.ContainingType is { } outer ? "nested in '" + outer + "'" :
            shape.IsGeneric ? "generic" :
            shape.IsRecord ? "a record" :
            null;
        if (unsupported is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedExperimentClass, declaration.Identifier, declaration.Name, unsupported));
        }
    }
}
