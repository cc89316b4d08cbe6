using System.Linq;

namespace TrainDsl.Generators.Pipeline;

/// <summary>
/// TD0042: a program with experiments whose own entry point names none of them (nor the command line that runs them).
/// The generated Main steps aside for it, so the experiments never run: the console template's leftover Program.cs
/// prints "Hello, World!" and exits 0. An entry point that names an experiment is the user's own driver and is left alone.
/// </summary>
internal static class OwnEntryPointRule
{
    /// <summary>The runtime's command line, which a hand-written Main calls to run the experiments.</summary>
    private const string Cli = "ExperimentCli";

    public static DiagnosticInfo? Check(System.Collections.Immutable.ImmutableArray<OwnEntryPoint> entryPoints, EquatableArray<string> experiments)
    {
        var own = entryPoints.Where(e => !e.IsGenerated).ToList();
        if (own.Count == 0 || own.Any(e => e.Names.Any(n => n == Cli || experiments.Contains(n)))) return null;
        var first = own
            .OrderBy(e => e.Location?.FilePath, System.StringComparer.Ordinal)
            .ThenBy(e => e.Location?.Span.Start ?? 0)
            .First();
        return DiagnosticInfo.Create(DiagnosticDescriptors.EntryPointRunsNoExperiment, first.Location,
            first.What, string.Join(", ", experiments));
    }
}
