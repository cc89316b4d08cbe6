using FashionMnistExample;
using TrainDsl.Cli;
using TrainDsl.Models;
using TrainDsl.Runs;
using static TorchSharp.torch;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>
/// A run whose loss or gradients turn inf or NaN stops in the declared way (RunSettings.MaxNonFiniteSteps non-finite
/// steps in a row): status "diverged", exit code 3, one sentence, and no checkpoint from the blown-up weights.
/// </summary>
[Collection(TrainingCollection.Name)]
public class NumericalFailureTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("traindsl-nonfinite-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = ExperimentCli.Run(args, [new FashionBaseline.Runner()], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private RunSummary OnlySummary()
    {
        var path = Assert.Single(Directory.GetFiles(output, RunFolder.SummaryFile, SearchOption.AllDirectories));
        return System.Text.Json.JsonSerializer.Deserialize(File.ReadAllText(path), RunJson.Default.RunSummary)!;
    }

    [Fact]
    public void AHugeLearningRateDivergesWithOneSentenceAndNoCheckpoint()
    {
        var (exit, _, err) = Run("train", "--lr", "1e6", "--train-limit", "2560", "--test-limit", "200", "--epochs", "3",
            "--threads", "2", "--out", output, "--quiet");

        Assert.Equal(ExitCodes.Diverged, exit);
        Assert.Equal("error: The run diverged: 10 steps in a row", string.Join(' ', err.Trim().Split(' ').Take(9)));
        Assert.Single(err.Trim().Split('\n'));
        var summary = OnlySummary();
        Assert.Equal("diverged", summary.Status);
        Assert.Equal(RunSettings.DefaultMaxNonFiniteSteps, summary.NonFiniteSteps);
        // It stopped at the divergence, not after training every epoch on NaN (3 epochs are 60 steps).
        Assert.True(summary.Steps < 40, $"{summary.Steps} steps");
        Assert.Null(summary.Checkpoint);
        Assert.Null(summary.BestCheckpoint);
        var folder = summary.RunFolder;
        Assert.False(File.Exists(Path.Combine(folder, RunFolder.BestCheckpointFile)));
        Assert.False(File.Exists(Path.Combine(folder, RunFolder.CheckpointFile)));
        Assert.False(File.Exists(Path.Combine(folder, RunFolder.ResumeFile)));
    }

    [Fact]
    public void TheLimitOfNonFiniteStepsIsConfigurable()
    {
        var (exit, _, err) = Run("train", "--lr", "1e6", "--train-limit", "2560", "--test-limit", "200", "--epochs", "3",
            "--max-nonfinite-steps", "3", "--threads", "2", "--out", output, "--quiet");

        Assert.Equal(ExitCodes.Diverged, exit);
        Assert.Contains("3 steps in a row", err);
        Assert.Equal(3, OnlySummary().NonFiniteSteps);
    }

    [Fact]
    public void AResumePointWithANaNWeightIsRefused()
    {
        var first = Run("train", "--train-limit", "1280", "--test-limit", "200", "--epochs", "1", "--threads", "2", "--out", output, "--quiet");
        Assert.True(first.Exit == 0, first.Err);
        var folder = OnlySummary().RunFolder;
        var weights = Path.Combine(folder, RunFolder.ResumeWeightsFile);
        using (var model = new SmallCnn(1, 10))
        {
            model.load(weights);
            using (no_grad()) model.parameters().First()[0, 0, 0, 0] = float.NaN;
            model.save(weights);
        }

        var (exit, _, err) = Run("train", "--resume", folder, "--epochs", "2", "--threads", "2", "--quiet");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("holds inf or NaN weights (features.0.weight)", err);
        Assert.Single(err.Trim().Split('\n'));
    }
}
