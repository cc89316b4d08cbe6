using System.Collections.Generic;
using System.Linq;

namespace TrainDsl.Generators.Parts.Sweep;

/// <summary>One declared sweep, ready to emit: the Config property and its values as <c>--set</c> accepts them.</summary>
internal sealed record ResolvedSweep(string Name, EquatableArray<string> Values)
{
    /// <summary>Only called on a recipe <see cref="SweepRule"/> accepted, so every name and value converts.</summary>
    public static EquatableArray<ResolvedSweep> ResolveAll(EquatableArray<SweepPart> sweeps, IReadOnlyList<ConfigProperty> properties)
        => sweeps
            .Select(s => new ResolvedSweep(
                s.Name!.Value,
                s.Values.Select(v => v.ConvertTo(properties.First(p => p.Name == s.Name.Value).Type)!).ToEquatableArray()))
            .ToEquatableArray();
}
