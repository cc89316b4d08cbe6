using System.Collections.Generic;
using TrainDsl.Generators.Model;

namespace TrainDsl.Generators.Rules;

/// <summary>
/// TD0100: parts whose attributes exist but that the generated loop does not implement yet ([Amp]) are
/// named, never silently dropped.
/// </summary>
internal static class NotSupportedYetRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        foreach (var part in declaration.Unsupported)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotSupportedYet, part.Attribute, "[" + part.Name + "]"));
        }
    }
}
