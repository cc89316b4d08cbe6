using System.CommandLine;
using TrainDsl.Runs;

namespace TrainDsl.Cli;

/// <summary><c>-e, --experiment NAME</c>: which of the program's experiments a command works on; completes their names.</summary>
internal sealed class ExperimentOption
{
    private readonly IReadOnlyList<IExperiment> ordered;

    public ExperimentOption(IReadOnlyList<IExperiment> experiments)
    {
        ordered = experiments.OrderBy(x => x.Name, StringComparer.Ordinal).ToList();
        Option = ValueOptions.Text("--experiment", "NAME", "which experiment (default: the first by name)", "-e");
        Option.CompletionSources.Add(_ => ordered.Select(x => x.Name));
    }

    public Option<string?> Option { get; }

    /// <summary>The experiment named on the command line, or the first by name.</summary>
    public IExperiment Select(ParseResult result) => Select(result.GetValue(Option));

    public IExperiment Select(string? name)
    {
        if (ordered.Count == 0) throw new TrainDslException("This program declares no [Experiment] class; add one.");
        if (name is null) return ordered[0];
        return ordered.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new TrainDslException($"No experiment named '{name}'; this program has {string.Join(", ", ordered.Select(x => x.Name))}.");
    }

    /// <summary>The experiment a partial command line names, for completions; null when it names none of them.</summary>
    public IExperiment? TrySelect(ParseResult result)
    {
        var name = result.GetValue(Option);
        return name is null ? ordered.FirstOrDefault()
            : ordered.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase));
    }
}
