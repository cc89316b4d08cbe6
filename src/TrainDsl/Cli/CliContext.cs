using TrainDsl.Runs;

namespace TrainDsl.Cli;

/// <summary>What every command's action works with: the program's experiments, where to write, and Ctrl-C.</summary>
internal sealed record CliContext(IReadOnlyList<IExperiment> Experiments, TextWriter Out, CancellationToken Cancellation)
{
    /// <summary>Where a command's one-sentence errors go (a diverged run's reason).</summary>
    public TextWriter Error { get; init; } = Console.Error;

    /// <summary>Whether output reaches a terminal, where progress can be redrawn in place.</summary>
    public bool OutIsTerminal => !Console.IsOutputRedirected && ReferenceEquals(Out, Console.Out);
}
