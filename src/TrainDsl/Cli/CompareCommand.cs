using System.CommandLine;
using TrainDsl.Plots;
using TrainDsl.Runs;

namespace TrainDsl.Cli;

/// <summary>
/// <c>compare RUN...</c>: runs side by side (<see cref="RunComparison"/>), printed as a table, and their curves
/// overlaid in compare.png (<see cref="ComparePlot"/>).
/// </summary>
internal static class CompareCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("compare",
            "Compare runs: final and best primary metric, epochs, time, img/s and the settings that differ; draws their curves in compare.png.");
        var runs = new Argument<string[]>("RUN")
        {
            Description = "a run folder, or an experiment name meaning its newest run",
            Arity = ArgumentArity.OneOrMore,
        };
        var root = ValueOptions.Text("--runs", "DIR", "where experiment names are looked up (default: runs)");
        var output = ValueOptions.Text("--out", "DIR", "folder to write compare.png to (default: the current folder)");
        command.Arguments.Add(runs);
        command.Options.Add(root);
        command.Options.Add(output);

        command.SetAction(result =>
        {
            var comparison = RunComparison.Of(result.GetValue(runs) ?? [], result.GetValue(root) ?? RunSettings.Default.OutputRoot);
            context.Out.Write(comparison.ToText());
            var folder = Path.GetFullPath(result.GetValue(output) ?? ".");
            Directory.CreateDirectory(folder);
            var picture = Path.Combine(folder, ComparePlot.FileName);
            ComparePlot.Save(picture, comparison.Runs);
            context.Out.WriteLine($"Curves overlaid in {picture}");
            return 0;
        });
        return command;
    }
}
