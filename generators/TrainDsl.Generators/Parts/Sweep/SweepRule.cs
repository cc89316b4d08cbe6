using System.Collections.Generic;
using System.Linq;

namespace TrainDsl.Generators.Parts.Sweep;

/// <summary>
/// TD0053: a [Sweep] must name a property of the generated Config that a value can be written for (a number, a switch or a
/// text). TD0004: each value must convert to the property's type and lie in its [Check] range, the same tables a run's
/// <c>--set</c> is checked against. The Config's properties depend on the whole recipe, so this rule runs only on a recipe
/// the other rules accept.
/// </summary>
internal static class SweepRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.Sweeps.IsEmpty || declaration.HasMalformedAttribute || diagnostics.Any(d => d.IsError)) return;
        var properties = ExperimentResolver.ConfigProperties(ExperimentResolver.Build(declaration));
        var sweepable = properties.Where(IsSweepable).ToDictionary(p => p.Name, System.StringComparer.Ordinal);

        foreach (var sweep in declaration.Sweeps)
        {
            if (sweep.Name is not { } name) continue;
            if (!sweepable.TryGetValue(name.Value, out var property))
            {
                var names = string.Join(", ", sweepable.Keys.OrderBy(n => n, System.StringComparer.Ordinal));
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SweepUnknownProperty, name.Location, name.Value, declaration.Name, names));
                continue;
            }
            foreach (var value in sweep.Values)
            {
                if (value.ConvertTo(property.Type) is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ValueOutOfRange, value.Location, property.Name, value.Text, TypeName(property.Type)));
                }
                else if (Range(property) is { } range && !ValueRanges.Contains(range, value.Number))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ValueOutOfRange, value.Location, property.Name, value.Text, ValueRanges.Describe(range)));
                }
            }
        }
    }

    /// <summary>Lists (Milestones, FocalAlpha) are set whole; every scalar can be swept.</summary>
    private static bool IsSweepable(ConfigProperty property) => !property.Type.EndsWith("[]", System.StringComparison.Ordinal);

    /// <summary>The numeric range of the property's first [Check] argument, when it has one.</summary>
    private static ConfigCheck? Range(ConfigProperty property)
    {
        if (property.Type is not ("int" or "double" or "double?") || property.Check is not { } check) return null;
        var first = check.Split(',')[0].Trim();
        var prefix = Qualified.ConfigCheck + ".";
        return first.StartsWith(prefix, System.StringComparison.Ordinal)
            && System.Enum.TryParse<ConfigCheck>(first.Substring(prefix.Length), out var range) ? range : null;
    }

    private static string TypeName(string type) => type switch
    {
        "int" => "a whole number",
        "double" or "double?" => "a number",
        "bool" => "true or false",
        _ => "a text",
    };
}
