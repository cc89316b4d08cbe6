using System.Buffers.Binary;
using System.Text.Json;
using FashionMnistExample;
using TrainDsl.Cli;
using TrainDsl.Schedules;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>
/// Settings at the edge of what a run can do: an epoch without a whole batch gets a sentence of its own (not a
/// schedule's complaint about T_max), and a plan stays cheap at any epoch count.
/// </summary>
public class LimitTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("traindsl-limits-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = ExperimentCli.Run(args, [new FashionBaseline.Runner()], stdout, stderr);
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
    public void ABatchLargerThanTheTrainingSetSaysSo() => AssertOneSentence(Run("plan", "--batch-size", "100000"),
        "BatchSize 100000 is larger than the Fashion-MNIST training set (54,000 images), so an epoch would have no step; lower --batch-size to at most 54000.");

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

    [Fact]
    public void APlanOfInt32MaxEpochsIsCheapAndSaysWhatItLeavesOut()
    {
        var (exit, stdout, err) = Run("plan", "--epochs", "2147483647");
        Assert.True(exit == 0, err);
        Assert.Contains("  ... epochs 10,001 to 2,147,483,647 not listed (a plan lists 10,000)\n", stdout);

        var json = Run("plan", "--epochs", "2147483647", "--json");
        using var plan = JsonDocument.Parse(json.Out);
        Assert.Equal(LearningRatePlan.MaxListedEpochs, plan.RootElement.GetProperty("epochLearningRates").GetArrayLength());
        Assert.Equal(int.MaxValue, plan.RootElement.GetProperty("epochs").GetInt32());
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
