using System.Globalization;
using System.Text.Json;
using FashionMnistExample;
using TrainDsl.Runs;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>The FashionMnist example's generated loop, trained for real on a slice of Fashion-MNIST.</summary>
public class TrainingTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("traindsl-e2e-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    private RunSettings Settings => new() { OutputRoot = output, Log = null, Threads = 2 };

    // 30 steps per epoch at batch 128; 1,000 test images, 100 per class.
    private static readonly FashionBaseline.Config Slice = new() { Epochs = 2, TrainLimit = 3840, TestLimit = 1000 };

    [Fact]
    public void LossFallsAndTheRunFolderHoldsEverything()
    {
        var result = LiveTensors.LeftUnchangedBy(() => FashionBaseline.Train(Slice, Settings));

        var history = File.ReadAllLines(Path.Combine(result.Run.RunFolder, RunFolder.MetricsFile));
        Assert.Equal(3, history.Length); // header + 2 epochs
        var header = history[0].Split(',');
        double TrainLoss(int row) => double.Parse(history[row].Split(',')[Array.IndexOf(header, "train_loss")], CultureInfo.InvariantCulture);

        // An untrained 10-class classifier starts near ln 10 ≈ 2.303; training must bring it well below.
        Assert.True(TrainLoss(1) < Math.Log(10), $"epoch 1 loss {TrainLoss(1)}");
        Assert.True(TrainLoss(2) < TrainLoss(1), $"loss did not fall: {TrainLoss(1)} then {TrainLoss(2)}");
        Assert.True(result.Final!.Accuracy > 0.6, $"accuracy {result.Final.Accuracy} after 60 steps (chance is 0.1)");

        Assert.Equal("completed", result.Run.Status);
        Assert.Equal(60, result.Run.Steps);
        foreach (var file in new[] { RunFolder.PlanFile, RunFolder.SummaryFile, RunFolder.CheckpointFile })
            Assert.True(File.Exists(Path.Combine(result.Run.RunFolder, file)), file);
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.Run.RunFolder, RunFolder.SummaryFile))).RootElement;
        Assert.Equal(result.Final.Accuracy, summary.GetProperty("finalMetrics").GetProperty("test_accuracy").GetDouble(), 12);
    }

    [Fact]
    public void EvaluatingTheCheckpointReproducesTheFinalMetrics()
    {
        var result = FashionBaseline.Train(Slice with { Epochs = 1 }, Settings);

        var again = FashionBaseline.Evaluate(result.Run.Checkpoint!, Slice, Settings);

        Assert.Equal(result.Final!.Accuracy, again.Accuracy, 12);
        Assert.Equal(result.Final.Loss, again.Loss, 5);
    }

    [Fact]
    public void MaxStepsStopsEarlyAndStillWritesTheRun()
    {
        var result = FashionBaseline.Train(Slice, Settings with { MaxSteps = 5 });

        Assert.Equal("max-steps", result.Run.Status);
        Assert.Equal(5, result.Run.Steps);
        Assert.Single(result.History);
        Assert.True(File.Exists(result.Run.Checkpoint));
    }

    /// <summary>A budget of exactly the run's steps (3,840 / 128 = 30) stops nothing, so the run is complete.</summary>
    [Fact]
    public void MaxStepsEqualToTheRunIsCompleted()
    {
        var result = FashionBaseline.Train(Slice with { Epochs = 1 }, Settings with { MaxSteps = 30 });

        Assert.Equal(30, result.Run.Steps);
        Assert.Single(result.History);
        Assert.Equal("completed", result.Run.Status);
    }

    [Fact]
    public void SameSeedSameResult()
    {
        var a = FashionBaseline.Train(Slice with { Epochs = 1 }, Settings with { MaxSteps = 8 });
        var b = FashionBaseline.Train(Slice with { Epochs = 1 }, Settings with { MaxSteps = 8 });

        Assert.Equal(a.Run.FinalTrainLoss, b.Run.FinalTrainLoss);
        Assert.Equal(a.Final!.Accuracy, b.Final!.Accuracy);
    }
}
