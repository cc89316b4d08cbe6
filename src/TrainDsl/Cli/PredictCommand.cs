using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TrainDsl.Predict;
using TrainDsl.Runs;

namespace TrainDsl.Cli;

/// <summary>
/// <c>predict IMAGE_OR_FOLDER...</c>: the top classes of image files by a checkpoint (default: the newest run's
/// best.bin), each decoded and normalised as evaluation feeds the model (<see cref="Predictor"/>).
/// </summary>
internal static class PredictCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("predict",
            "Classify image files, or the images in folders (recursively, in path order), with a checkpoint (default: the newest run's best.bin).");
        var experiment = new ExperimentOption(context.Experiments);
        var run = new RunOptions();
        var checkpoint = ValueOptions.Text("--checkpoint", "FILE", "the weights to use: a .bin, or a .safetensors state_dict such as PyTorch saves (default: the newest best.bin under --out)");
        var top = ValueOptions.Int("--top", "K", "how many classes to show per image (default 5)", min: 1, belowMin: "--top must be at least 1.");
        var json = new Option<bool>("--json") { Description = "print the predictions as a JSON array" };
        var tta = new Option<bool>("--tta") { Description = "average the probabilities of each image and its horizontal flip" };
        var images = new Argument<string[]>("IMAGE_OR_FOLDER") { Arity = ArgumentArity.ZeroOrMore, Description = "PNG or JPEG files, or folders of them" };

        command.Options.Add(experiment.Option);
        run.AddTo(command);
        command.Options.Add(checkpoint);
        command.Options.Add(top);
        command.Options.Add(json);
        command.Options.Add(tta);
        command.Arguments.Add(images);

        command.SetAction(result =>
        {
            var chosen = experiment.Select(result);
            var named = result.GetValue(images) ?? [];
            if (named.Length == 0)
                throw new TrainDslException($"predict needs the images to classify: predict -e {chosen.Name} IMAGE_OR_FOLDER...");
            var files = Predictor.ImageFiles(named); // before loading the model: a typo fails fast
            var settings = run.Read(result, context);
            var weights = result.GetValue(checkpoint) ?? NewestBest(settings.OutputRoot, chosen.Name);
            using var predictor = chosen.LoadPredictor(ConfigOverrides.None, settings, weights);
            var predictions = predictor.Predict(files, result.GetValue(top) ?? 5, result.GetValue(tta));
            if (result.GetValue(json))
                context.Out.WriteLine(JsonSerializer.Serialize(predictions, RunJson.Default.IReadOnlyListPrediction));
            else
                Print(predictions, context.Out);
            return 0;
        });
        return command;
    }

    // One block per image: its path, then one line per class with the probability.
    private static void Print(IReadOnlyList<Prediction> predictions, TextWriter output)
    {
        int width = predictions.SelectMany(p => p.Top).Max(c => c.Name.Length);
        foreach (var prediction in predictions)
        {
            output.WriteLine(prediction.Image);
            foreach (var c in prediction.Top)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {c.Name.PadRight(width)}  {c.Probability:F4}"));
        }
    }

    private static string NewestBest(string outputRoot, string experiment) =>
        RunFolder.NewestCheckpoint(outputRoot, experiment, RunFolder.BestCheckpointFile) ?? throw new TrainDslException(
            $"No {RunFolder.BestCheckpointFile} found under '{Path.Combine(outputRoot, experiment)}'; train first or pass --checkpoint FILE.");
}
