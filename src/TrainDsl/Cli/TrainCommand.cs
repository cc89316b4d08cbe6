using System.CommandLine;
using System.Text.Json.Nodes;
using TrainDsl.Runs;

namespace TrainDsl.Cli;

/// <summary><c>train</c>: trains an experiment into a new run folder, or continues one (<c>--resume</c>).</summary>
internal static class TrainCommand
{
    public const string Name = "train";

    public static Command Create(CliContext context) =>
        Define(new Command(Name, "Train an experiment, writing a run folder (<out>/<experiment>/<time>)."), context);

    /// <summary>Gives <paramref name="command"/> train's options and action: the train command, or the root (train is the default).</summary>
    public static Command Define(Command command, CliContext context)
    {
        var experiment = new ExperimentOption(context.Experiments);
        var recipe = new RecipeOptions(experiment);
        var maxSteps = ValueOptions.Long("--max-steps", "N", "stop after N optimizer steps (of this invocation, when resuming)",
            min: 0, belowMin: "--max-steps must be 0 (no limit) or more.");
        var resume = ValueOptions.Text("--resume", "RUN_FOLDER",
            "continue that run after its last completed epoch, with its experiment and settings (--epochs N to extend a finished run)");
        var run = new RunOptions();
        var quiet = new Option<bool>("--quiet") { Description = "no progress output" };
        var maxNonFinite = ValueOptions.Int("--max-nonfinite-steps", "N",
            $"skip a step whose loss or gradient is inf or NaN, and stop the run as diverged after N in a row (default {RunSettings.DefaultMaxNonFiniteSteps})",
            min: 1, belowMin: "--max-nonfinite-steps must be at least 1.");

        command.Options.Add(experiment.Option);
        recipe.AddTo(command);
        command.Options.Add(maxSteps);
        command.Options.Add(resume);
        run.AddTo(command);
        command.Options.Add(quiet);
        command.Options.Add(maxNonFinite);

        command.SetAction(result =>
        {
            var overrides = recipe.Read(result);
            var experimentName = result.GetValue(experiment.Option);
            var resumeFolder = result.GetValue(resume);
            if (resumeFolder is not null)
            {
                // The run folder says what it trained: its experiment, and its settings unless given again.
                var saved = RunFolder.Open(resumeFolder).ReadPlan();
                experimentName ??= (string?)saved["experiment"];
                overrides = ResumeOverrides(overrides, saved);
            }
            var chosen = experiment.Select(experimentName);
            var beQuiet = result.GetValue(quiet);
            var settings = run.Read(result, context) with
            {
                MaxSteps = result.GetValue(maxSteps),
                MaxNonFiniteSteps = result.GetValue(maxNonFinite) ?? RunSettings.DefaultMaxNonFiniteSteps,
                Resume = resumeFolder,
                Log = beQuiet ? null : context.Out,
                LiveProgress = !beQuiet && context.OutIsTerminal,
            };
            var summary = chosen.Train(overrides, settings);
            if (summary.Status == RunSummary.DivergedStatus)
            {
                context.Error.WriteLine("error: " + summary.Reason);
                return ExitCodes.Diverged;
            }
            return summary.Status == "interrupted" ? ExitCodes.Interrupted : ExitCodes.Done;
        });
        return command;
    }

    /// <summary>
    /// The overrides for resuming the run whose plan.json is <paramref name="savedPlan"/>: every setting it was
    /// trained with (its epoch count included), except those given on this command line, which win (and are then
    /// checked against the run by <see cref="TrainSession.Start"/>).
    /// </summary>
    internal static ConfigOverrides ResumeOverrides(ConfigOverrides given, JsonObject savedPlan)
    {
        var values = new Dictionary<string, string>(given.Values, StringComparer.Ordinal);
        var named = new Dictionary<string, bool>
        {
            ["Epochs"] = given.Epochs is not null,
            ["BatchSize"] = given.BatchSize is not null,
            ["LearningRate"] = given.LearningRate is not null,
            ["Seed"] = given.Seed is not null,
            ["TrainLimit"] = given.TrainLimit is not null,
            ["TestLimit"] = given.TestLimit is not null,
        };
        if (savedPlan["config"] is JsonObject config)
            foreach (var (name, value) in config)
            {
                if (value is null || values.ContainsKey(name) || named.GetValueOrDefault(name)) continue;
                values[name] = value switch
                {
                    JsonArray array => string.Join(",", array.Select(v => v?.ToJsonString())),
                    JsonValue v when v.TryGetValue(out string? s) => s,
                    _ => value.ToJsonString(),
                };
            }
        return given with { Values = values };
    }
}
