using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TrainDsl.Generators.Pipeline;

/// <summary>
/// Finds the user's names that would change what the generated code means (<see cref="GeneratedNames"/>): the class's
/// own name, its members and its base classes' members named like a generated member, a type named var where the
/// generated code declares its locals, and a type in the global namespace named like a root of the <c>global::</c> names.
/// Types named like a runtime type (ResNet, Tensor, ...) do not clash: the generated code qualifies them all.
/// </summary>
internal static class NameClashes
{
    public static EquatableArray<NameClash> Find(INamedTypeSymbol type)
    {
        var clashes = new List<NameClash>();
        if (GeneratedNames.Contains(type.Name)) clashes.Add(new NameClash("Experiment class", type.Name, Declares(type.Name)));

        for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
        {
            foreach (var member in t.GetMembers())
            {
                if (!member.IsImplicitlyDeclared && GeneratedNames.Contains(member.Name) && IsUsers(member)
                    && !(member is IMethodSymbol { MethodKind: not MethodKind.Ordinary }))
                {
                    clashes.Add(new NameClash("Member of '" + t.Name + "'", member.Name, Declares(member.Name)));
                }
            }
        }

        // var: lookup walks out through every enclosing namespace (types elsewhere are written global::-qualified).
        for (var ns = type.ContainingNamespace; ns is not null; ns = ns.ContainingNamespace)
        {
            foreach (var name in GeneratedNames.Contextual)
            {
                foreach (var member in ns.GetMembers(name))
                {
                    if (member is not INamedTypeSymbol || SymbolEqualityComparer.Default.Equals(member, type) || !IsUsers(member)) continue;
                    var where = ns.IsGlobalNamespace ? "the global namespace" : "namespace " + ns.ToDisplayString();
                    clashes.Add(new NameClash("Type in " + where, name, "refers to"));
                }
            }
        }
        // A type in the global namespace named like a root of the global:: names (found by the fuzz test: a class System there makes
        // global::System ambiguous, and every generated file fails), wherever the experiment is.
        if (type.ContainingAssembly?.GlobalNamespace is { } global)
        {
            foreach (var name in GeneratedNames.GlobalNames)
            {
                foreach (var member in global.GetMembers(name))
                {
                    if (member is INamedTypeSymbol && IsUsers(member)) clashes.Add(new NameClash("Type in the global namespace", name, "refers to"));
                }
            }
        }
        return clashes.Distinct().OrderBy(c => c.Name, System.StringComparer.Ordinal).ThenBy(c => c.What, System.StringComparer.Ordinal)
            .ToEquatableArray();
    }

    private static string Declares(string name) => GeneratedNames.Members.Contains(name) ? "declares" : "refers to";

    /// <summary>Declared in the user's source, not by this generator (the analyzer's compilation includes the generated files).</summary>
    private static bool IsUsers(ISymbol symbol)
        => symbol.Locations.Any(l => l.IsInSource && l.SourceTree is { } tree
                                     && !tree.FilePath.Contains(typeof(ExperimentGenerator).FullName!));
}

/// <summary>A name of the user's that the generated code declares or refers to: "Member of 'E'" 'Config' "declares".</summary>
internal sealed record NameClash(string What, string Name, string Verb);
