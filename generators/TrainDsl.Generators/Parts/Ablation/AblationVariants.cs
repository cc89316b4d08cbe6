using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;

namespace TrainDsl.Generators.Parts.Ablation;

/// <summary>One variant as the generator emits it: its name, its Config overrides and, when the rules reject it, why.</summary>
internal sealed record ResolvedVariant(string Name, EquatableArray<string> Settings, string? Skipped);

/// <summary>
/// The variants of <c>ablate</c>, derived from the declared recipe: without each declared trick in turn, and (for
/// <c>--add</c>) the plain baseline with every trick off, then the baseline plus each trick alone. Each variant's
/// declaration (the recipe without the tricks it switches off) is checked by the recipe rules; one they reject is
/// emitted as skipped, with the first error's ID and message as the reason.
/// </summary>
internal static class AblationVariants
{
    public static (EquatableArray<ResolvedVariant> Removals, EquatableArray<ResolvedVariant> Additions) Derive(
        ExperimentDeclaration declaration, Func<ExperimentDeclaration, ImmutableArray<DiagnosticInfo>> rules)
    {
        var tricks = Trick.DeclaredIn(declaration);
        if (tricks.Count == 0) return (EquatableArray<ResolvedVariant>.Empty, EquatableArray<ResolvedVariant>.Empty);

        ResolvedVariant Variant(string name, IReadOnlyList<Trick> off)
        {
            var variant = off.Aggregate(declaration, (d, trick) => trick.Remove(d));
            var error = rules(variant).FirstOrDefault(d => d.IsError);
            return new ResolvedVariant(name, off.Select(t => t.Off).ToEquatableArray(), error is null ? null : Reason(error));
        }

        var removals = tricks.Select(t => Variant(t.Without, [t])).ToEquatableArray();
        var additions = new List<ResolvedVariant> { Variant("baseline", tricks) };
        additions.AddRange(tricks.Select(t => Variant("+ " + t.Name, tricks.Where(o => o != t).ToList())));
        return (removals, additions.ToEquatableArray());
    }

    /// <summary>"TD0023: WarmupSteps cannot be combined with ...".</summary>
    private static string Reason(DiagnosticInfo error)
        => error.Descriptor.Id + ": " + string.Format(CultureInfo.InvariantCulture,
            error.Descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), error.MessageArgs.Cast<object>().ToArray());
}
