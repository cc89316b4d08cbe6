using System.Text.Json;
using TrainDsl.Runs;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>
/// Generated LAMB and LARS recipes train on real data: the loss falls, no tensor outlives the run (the optimizers'
/// states included), and the plan names the optimizer and its groups.
/// </summary>
[Collection(TrainingCollection.Name)]
public class OptimizerRunTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("traindsl-optim-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    [Fact]
    public void LambWithOneCycleTrains()
    {
        var result = LiveTensors.LeftUnchangedBy(() => LambOneCycleRun.Train(new LambOneCycleRun.Config(),
            new RunSettings { OutputRoot = output, Log = null, Threads = 2 }));
        AssertLearned(result.Run.RunFolder, "LAMB(beta1 0.9, beta2 0.999, eps 1E-06, weight decay 0.01 and trust ratio except biases and norms)");
    }

    [Fact]
    public void LarsTrains()
    {
        Assert.Equal(64 / 2560.0, new LarsRun.Config().ResolvedLearningRate); // the linear scaling rule
        var result = LiveTensors.LeftUnchangedBy(() => LarsRun.Train(new LarsRun.Config { LearningRate = 1 },
            new RunSettings { OutputRoot = output, Log = null, Threads = 2 }));
        AssertLearned(result.Run.RunFolder, "LARS(momentum 0.9, trust coefficient 0.02, weight decay 0.0005 and trust ratio except biases and norms)");
    }

    private static void AssertLearned(string runFolder, string optimizer)
    {
        var csv = new MetricsCsv(runFolder);
        var trainLoss = csv.Column("train_loss");
        Assert.True(trainLoss[1] < trainLoss[0], $"loss did not fall: {trainLoss[0]} then {trainLoss[1]}");
        Assert.True(trainLoss[1] < Math.Log(10), $"epoch 2 loss {trainLoss[1]}");
        var plan = JsonDocument.Parse(File.ReadAllText(Path.Combine(runFolder, RunFolder.PlanFile))).RootElement;
        Assert.Equal(optimizer, plan.GetProperty("optimizer").GetString());
    }
}
