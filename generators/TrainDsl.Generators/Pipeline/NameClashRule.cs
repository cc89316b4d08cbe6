using System.Collections.Generic;

namespace TrainDsl.Generators.Pipeline;

/// <summary>TD0030: a name of the user's that the generated code declares or refers to (<see cref="NameClashes"/>).</summary>
internal static class NameClashRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        foreach (var clash in declaration.NameClashes)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.GeneratedNameClash, declaration.Identifier, clash.What, clash.Name, clash.Verb));
        }
    }
}
