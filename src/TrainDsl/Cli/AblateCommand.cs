using System.CommandLine;
using System.Globalization;
using TrainDsl.Ablation;
using TrainDsl.Runs;

namespace TrainDsl.Cli;

/// <summary>
/// <c>ablate</c>: the Bag of Tricks table in one command. Trains the declared recipe and one variant per declared trick
/// with that trick switched off (or, with --add, the plain baseline and one trick each) on every seed, then writes
/// ablation.md, ablation.csv and ablation.png (<see cref="AblationRunner"/>).
/// </summary>
internal static class AblateCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("ablate",
            "Train the declared recipe and each variant without one declared trick, on every seed, and write the table (ablation.md, .csv, .png).");
        var experiment = new ExperimentOption(context.Experiments);
        var recipe = new RecipeOptions(experiment);
        var seeds = Seeds();
        var add = new Option<bool>("--add") { Description = "instead: the plain baseline (every declared trick off) and the baseline plus each trick alone" };
        var run = new RunOptions("the ablation folder; the same folder again continues an interrupted ablation (default: <runs>/<experiment>/ablation-<time>)");
        var quiet = new Option<bool>("--quiet") { Description = "no progress output from the runs" };
        command.Options.Add(experiment.Option);
        command.Options.Add(seeds);
        command.Options.Add(add);
        recipe.AddTo(command);
        run.AddTo(command);
        command.Options.Add(quiet);

        command.SetAction(result =>
        {
            var chosen = experiment.Select(result);
            bool additions = result.GetValue(add);
            var variants = additions ? chosen.Additions : [AblationVariant.Of(AblationRunner.DeclaredName), .. chosen.Ablation];
            if (variants.Count <= 1)
                throw new TrainDslException($"{chosen.Name} declares none of the tricks ablate switches off (mixing, label smoothing, distillation, zero-γ, no bias decay, warmup, [Amp], crop, flip); there is nothing to compare.");
            var title = (additions ? "Tricks added to the plain baseline of " : "Ablation of ") + chosen.Name;
            return Run(context, result, chosen, recipe, run, quiet, title, variants, result.GetValue(seeds), "ablation");
        });
        return command;
    }

    /// <summary>--seeds N, shared with sweep.</summary>
    public static Option<int?> Seeds() => ValueOptions.Int("--seeds", "N",
        "train each variant on N seeds: Seed, Seed + 1, …, Seed + N − 1 (default 1)", min: 1, belowMin: "--seeds must be at least 1.");

    /// <summary>Runs the variants into --out (or a new folder next to the experiment's runs) and prints the table.</summary>
    public static int Run(CliContext context, ParseResult result, IExperiment chosen, RecipeOptions recipe, RunOptions run, Option<bool> quiet,
        string title, IReadOnlyList<AblationVariant> variants, int? seeds, string kind, bool gridFromSet = false)
    {
        // A sweep's --set values are its grid, which the variants apply; every other option is the budget of each run.
        var budget = gridFromSet ? recipe.Read(result) with { Values = new Dictionary<string, string>() } : recipe.Read(result);
        var beQuiet = result.GetValue(quiet);
        var settings = run.Read(result, context) with { Log = beQuiet ? null : context.Out, LiveProgress = !beQuiet && context.OutIsTerminal };
        var folder = run.Output(result) ?? Path.Combine(RunSettings.Default.OutputRoot, chosen.Name,
            kind + "-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var table = new AblationRunner(chosen, budget, settings, context.Out).Run(title, variants, seeds ?? 1, folder, kind);
        if (table is null) return 130;
        context.Out.WriteLine();
        context.Out.Write(table.ToText());
        var full = Path.GetFullPath(folder);
        context.Out.WriteLine($"Wrote {Path.Combine(full, kind + ".md")}, {kind}.csv and {kind}.png");
        return 0;
    }
}
