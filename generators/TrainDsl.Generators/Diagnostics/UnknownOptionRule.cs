using System.Collections.Generic;

namespace TrainDsl.Generators.Diagnostics;

/// <summary>
/// TD0026: a named argument that names no property of its attribute. The compiler reports it too (CS0246), but
/// without saying what was meant; this names the property (PyTorch's <c>gamma</c> → <c>Gamma</c>) for the code fix,
/// or lists the attribute's options when nothing matches.
/// </summary>
internal static class UnknownOptionRule
{
    public const string MeantProperty = "Meant";

    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        foreach (var unknown in declaration.UnknownOptions)
        {
            var meant = PyTorchNames.Meant(unknown.Name, unknown.Options);
            var hint = meant is not null ? "did you mean " + meant + "?"
                : unknown.Options.Count > 0 ? "its options are " + string.Join(", ", unknown.Options)
                : "it takes no options";
            diagnostics.Add(new DiagnosticInfo(
                DiagnosticDescriptors.UnknownOption,
                unknown.Location,
                new EquatableArray<string>(new[] { unknown.Name, unknown.Attribute, hint }),
                meant is null ? EquatableArray<DiagnosticProperty>.Empty : new EquatableArray<DiagnosticProperty>(new[] { new DiagnosticProperty(MeantProperty, meant) })));
        }
    }
}
