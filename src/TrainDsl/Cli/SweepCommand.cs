using System.CommandLine;
using TrainDsl.Ablation;

namespace TrainDsl.Cli;

/// <summary>
/// <c>sweep</c>: trains a grid of Config values (<c>--set LearningRate=0.05,0.1,0.2</c>, several --set for a product) on
/// every seed and writes the same table and plot as ablate (sweep.md, .csv, .png), with Δ against the grid's first point.
/// Without a grid on the command line it takes the experiment's declared one (<see cref="Runs.IExperiment.DeclaredSweep"/>).
/// </summary>
internal static class SweepCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("sweep",
            "Train every combination of the values given as --set NAME=a,b,c on every seed and write the table (sweep.md, .csv, .png).");
        var experiment = new ExperimentOption(context.Experiments);
        var recipe = new RecipeOptions(experiment, "a grid axis: a Config property and its comma-separated values, e.g. --set LearningRate=0.05,0.1 (repeatable)");
        var seeds = AblateCommand.Seeds();
        var run = new RunOptions("the sweep folder; the same folder again continues an interrupted sweep (default: <runs>/<experiment>/sweep-<time>)");
        var quiet = new Option<bool>("--quiet") { Description = "no progress output from the runs" };
        command.Options.Add(experiment.Option);
        command.Options.Add(seeds);
        recipe.AddTo(command);
        run.AddTo(command);
        command.Options.Add(quiet);

        command.SetAction(result =>
        {
            var chosen = experiment.Select(result);
            var given = recipe.Read(result).Values;
            IReadOnlyList<SweepAxis> axes = given.Count > 0
                ? [.. given.Select(p => new SweepAxis(p.Key, p.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))]
                : [.. chosen.DeclaredSweep.Select(a => new SweepAxis(a.Name, a.Values))];
            var grid = SweepAxis.Grid(axes);
            return AblateCommand.Run(context, result, chosen, recipe, run, quiet, "Sweep of " + chosen.Name, grid,
                result.GetValue(seeds), "sweep", gridFromSet: true);
        });
        return command;
    }
}
