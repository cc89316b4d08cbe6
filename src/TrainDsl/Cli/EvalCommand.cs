using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TrainDsl.Runs;

namespace TrainDsl.Cli;

/// <summary><c>eval</c>: the test-set metrics of a checkpoint, by default the newest run's model.bin.</summary>
internal static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("eval", "Evaluate a checkpoint on the test set (default: the newest run's model.bin).");
        var experiment = new ExperimentOption(context.Experiments);
        var recipe = new RecipeOptions(experiment);
        var run = new RunOptions();
        var checkpoint = ValueOptions.Text("--checkpoint", "FILE", "the weights to evaluate: a .bin, or a .safetensors state_dict such as PyTorch saves (default: the newest model.bin under --out)");
        var json = new Option<bool>("--json") { Description = "print the metrics as JSON" };

        command.Options.Add(experiment.Option);
        recipe.AddTo(command);
        run.AddTo(command);
        command.Options.Add(checkpoint);
        command.Options.Add(json);

        command.SetAction(result =>
        {
            var chosen = experiment.Select(result);
            // Without --json, eval says which weights it evaluates on how many images of which split.
            var settings = run.Read(result, context) with { Log = result.GetValue(json) ? null : context.Out };
            var weights = result.GetValue(checkpoint) ?? NewestCheckpoint(settings.OutputRoot, chosen.Name);
            var metrics = chosen.Evaluate(recipe.Read(result), settings, weights);
            if (result.GetValue(json))
                context.Out.WriteLine(JsonSerializer.Serialize(metrics.ToDictionary(m => m.Key, m => m.Value), RunJson.Default.DictionaryStringDouble));
            else
                foreach (var m in metrics) context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m.Key,-12} {m.Value:F4}"));
            return 0;
        });
        return command;
    }

    private static string NewestCheckpoint(string outputRoot, string experiment) =>
        RunFolder.NewestCheckpoint(outputRoot, experiment) ?? throw new TrainDslException(
            $"No checkpoint found under '{Path.Combine(outputRoot, experiment)}'; train first or pass --checkpoint FILE.");
}
