using System.Buffers.Binary;
using System.Text.Json;
using FashionMnistExample;
using TrainDsl.Cli;
using TrainDsl.Schedules;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>
/// Settings at the edge of what a run can do: an epoch without a whole batch gets a sentence of its own (not a
/// schedule's complaint about T_max), values beyond Config's upper bounds are refused in one sentence, and a plan stays
/// cheap at every epoch count a run may have.
/// </summary>
public class LimitTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("traindsl-limits-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
        => RunOn([new FashionBaseline.Runner()], args);

    private static (int Exit, string Out, string Err) RunOn(TrainDsl.Runs.IExperiment[] experiments, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = ExperimentCli.Run(args, experiments, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static void AssertOneSentence((int Exit, string Out, string Err) result, string expected)
    {
        Assert.Equal(ExitCodes.BadInput, result.Exit);
        Assert.Equal("error: " + expected, result.Err.Trim());
    }

    [Fact]
    public void ATrainLimitBelowOneBatchSaysSo() => AssertOneSentence(Run("plan", "--train-limit", "50"),
        "--train-limit 50 is smaller than one batch (128 images), so an epoch would have no step; raise --train-limit to at least 128 or lower --batch-size.");

    // FashionBaseline holds out Validation = 0.1 of each class: 60,000 − 10 × 600 = 54,000 training images.
    [Fact]
    public void ABatchLargerThanTheTrainingSetSaysSo() => AssertOneSentence(Run("plan", "--batch-size", "60000"),
        "BatchSize 60000 is larger than the Fashion-MNIST training set (54,000 images), so an epoch would have no step; lower --batch-size to at most 54000.");

    // Issue #15: values that pass every other check but cannot run are refused by Config's upper bounds (ValueRanges),
    // before any data is loaded or memory allocated.
    [Fact]
    public void ABatchAboveTheLargestSaysSo() => AssertOneSentence(Run("plan", "--batch-size", "100000"),
        "FashionBaseline: BatchSize must be 1 to 65,536 images, got 100000; fix the attribute or the override.");

    [Fact]
    public void EpochsAboveThePlansLimitSaySo() => AssertOneSentence(Run("plan", "--epochs", "10001"),
        "FashionBaseline: Epochs must be 1 to 10,000 epochs, got 10001; fix the attribute or the override.");

    [Fact]
    public void AnImageSizeThatCannotFitSaysSo() => AssertOneSentence(
        RunOn([new FashionFromPngs.Runner()], "plan", "--set", "ImageSize=100000", "--data", data),
        "FashionFromPngs: ImageSize must be 1 to 1,024 pixels, got 100000; fix the attribute or the override.");

    [Fact]
    public void AnIdxFileOfNoImagesSaysSo()
    {
        // Official test files, and training files whose headers count 0 images.
        var folder = Directory.CreateDirectory(Path.Combine(data, "fashion-mnist")).FullName;
        foreach (var file in new[] { "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz" })
            File.Copy(Path.Combine("/usr/share/datasets/fashion-mnist", file), Path.Combine(folder, file));
        File.WriteAllBytes(Path.Combine(folder, "train-images-idx3-ubyte"), Header(0x803, 0, 28, 28));
        File.WriteAllBytes(Path.Combine(folder, "train-labels-idx1-ubyte"), Header(0x801, 0));

        AssertOneSentence(Run("train", "--data", data, "--out", Path.Combine(data, "runs")),
            "The Fashion-MNIST training set has no images, so there is nothing to train on; check the data files (--data) or rebuild them.");
    }

    /// <summary>A plan of the most epochs a run may have lists every one; int.MaxValue epochs are refused in one sentence.</summary>
    [Fact]
    public void APlanOfTheMostEpochsListsThemAllAndInt32MaxIsRefused()
    {
        var json = Run("plan", "--epochs", "10000", "--json");
        Assert.True(json.Exit == 0, json.Err);
        using var plan = JsonDocument.Parse(json.Out);
        Assert.Equal(LearningRatePlan.MaxListedEpochs, plan.RootElement.GetProperty("epochLearningRates").GetArrayLength());
        Assert.Equal(10_000, plan.RootElement.GetProperty("epochs").GetInt32());

        AssertOneSentence(Run("plan", "--epochs", "2147483647"),
            "FashionBaseline: Epochs must be 1 to 10,000 epochs, got 2147483647; fix the attribute or the override.");
    }

    // ⌊54,000 / 128⌋ = 421 steps per epoch: 2,376 epochs are the first over a million steps (421 × 2,376 = 1,000,296).
    [Fact]
    public void PlanStepsRefusesMoreStepsThanItLists() => AssertOneSentence(Run("plan", "--epochs", "2376", "--steps"),
        "The plan has 1,000,296 steps, more than the 1,000,000 plan --steps lists; lower --epochs or leave out --steps.");

    private static byte[] Header(params int[] words)
    {
        var bytes = new byte[4 * words.Length];
        for (int i = 0; i < words.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 * i), words[i]);
        return bytes;
    }
}
