using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrainDsl.Data;
using TrainDsl.Runs;

namespace TrainDsl.Predict;

/// <summary>
/// What a trained model reads and says: uint8 images of <see cref="Channels"/>×<see cref="Height"/>×<see cref="Width"/>,
/// normalised with the training set's <see cref="Mean"/> and <see cref="Std"/>, and the names of its
/// <see cref="Classes"/> outputs. A checkpoint's run folder records all of it in plan.json (written by
/// <see cref="TrainSession.DataLoaded"/>); without that, loading the data source gives the same values as training.
/// </summary>
public sealed record ModelInput(int Channels, int Height, int Width, float[] Mean, float[] Std, IReadOnlyList<string> ClassNames)
{
    public int Classes => ClassNames.Count;

    /// <summary>What training on <paramref name="data"/> used: the training set's statistics and classes, the test images' shape.</summary>
    public static ModelInput Of(DatasetSplits data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new(data.Test.Channels, data.Test.Height, data.Test.Width, data.Train.Mean, data.Train.Std, data.Train.ClassNames);
    }

    /// <summary>
    /// The input recorded in the plan.json beside <paramref name="checkpoint"/>; null when there is none or it predates a
    /// field (then the data source has to tell). A plan of another experiment than <paramref name="experiment"/> is refused.
    /// </summary>
    public static ModelInput? FromRunFolder(string checkpoint, string experiment)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(checkpoint)) ?? ".";
        var path = Path.Combine(folder, RunFolder.PlanFile);
        if (!File.Exists(path)) return null;
        JsonObject plan;
        try
        {
            plan = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new FormatException("it is empty");
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new TrainDslException($"'{path}' beside the checkpoint cannot be read ({e.Message}); restore it, or move the checkpoint out of that folder.", e);
        }
        var writtenBy = plan["experiment"]?.GetValue<string>();
        if (writtenBy is not null && !string.Equals(writtenBy, experiment, StringComparison.Ordinal))
            throw new TrainDslException(
                $"Checkpoint '{checkpoint}' was trained by experiment {writtenBy} (its {RunFolder.PlanFile} says so), not {experiment}; " +
                $"pass a checkpoint of {experiment}, or predict with -e {writtenBy}.");
        if (plan["imageShape"] is not JsonArray { Count: 3 } shape || plan["normalizeMean"] is not JsonArray mean
            || plan["normalizeStd"] is not JsonArray std || plan["classNames"] is not JsonArray names)
            return null;
        return new ModelInput(shape[0]!.GetValue<int>(), shape[1]!.GetValue<int>(), shape[2]!.GetValue<int>(),
            [.. mean.Select(m => (float)m!.GetValue<double>())], [.. std.Select(s => (float)s!.GetValue<double>())],
            [.. names.Select(n => n!.GetValue<string>())]);
    }

    /// <summary>The image's shape as the sentences name it, e.g. 1×28×28.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Channels}×{Height}×{Width}");
}
