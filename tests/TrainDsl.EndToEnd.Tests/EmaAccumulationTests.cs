using System.Text.Json.Nodes;
using TorchSharp;
using TrainDsl.Ema;
using TrainDsl.Runs;
using static TorchSharp.torch;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>
/// The generated loop with [Ema] and [GradientAccumulation]: the plan counts optimizer steps and shows the micro-batch and
/// the effective batch, the linear scaling rule uses the effective batch, each epoch evaluates the average, model.bin and model.safetensors
/// hold the average and last.bin both sets of weights.
/// </summary>
[Collection(TrainingCollection.Name)]
public class EmaAccumulationTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("traindsl-ema-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    private RunSettings Settings => new() { OutputRoot = output, Log = null, Threads = 2 };

    [Fact]
    public void ThePlanCountsOptimizerStepsAndScalesTheRateWithTheEffectiveBatch()
    {
        var plan = EmaAccumulationRun.Plan();

        Assert.Equal(640 / 32 / 2, plan.StepsPerEpoch);
        Assert.Equal(32, plan.BatchSize);
        Assert.Equal(2, plan.AccumulationSteps);
        Assert.Equal(0.1 * 64 / 256, plan.LearningRate, 15);
        Assert.Equal("linear scaling rule: 0.1 × 32 × 2 / 256", plan.LearningRateSource);
        Assert.Contains("micro-batch 32 × 2 accumulated = effective batch 64 per optimizer step", plan.ToText());
        Assert.Equal(2 * 10, plan.LearningRates.Steps().Count());
        var overridden = EmaAccumulationRun.Plan(new EmaAccumulationRun.Config { AccumulationSteps = 4 });
        Assert.Equal(640 / 32 / 4, overridden.StepsPerEpoch);
        Assert.Equal(0.1 * 128 / 256, overridden.LearningRate, 15);
    }

    [Fact]
    public void EvaluationAndModelBinUseTheAverageAndLastBinHoldsBothWeights()
    {
        var result = LiveTensors.LeftUnchangedBy(() => EmaAccumulationRun.Train(settings: Settings));

        Assert.Equal(20, result.Run.Steps);
        var folder = result.Run.RunFolder;
        var state = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, RunFolder.ResumeFile)))!["state"]!["ema"]!;
        Assert.Equal(20, state["updates"]!.GetValue<long>());

        using var trained = EmaAccumulationRun.CreateModel(1, 10);
        using var average = EmaAccumulationRun.CreateModel(1, 10);
        using var saved = EmaAccumulationRun.CreateModel(1, 10);
        new WeightsWithEma(trained, average).load(Path.Combine(folder, RunFolder.ResumeWeightsFile));
        saved.load(result.Run.Checkpoint!);
        var savedWeights = saved.state_dict();
        var trainedWeights = trained.state_dict();
        foreach (var (name, t) in average.state_dict())
            Assert.True(t.equal(savedWeights[name]).all().item<bool>(), $"model.bin's {name} is not the average's");
        Assert.Contains(trainedWeights, kv => kv.Value.is_floating_point() && !kv.Value.equal(savedWeights[kv.Key]).all().item<bool>());

        // model.safetensors, for PyTorch, holds exactly what model.bin does: the average.
        using var exported = EmaAccumulationRun.CreateModel(1, 10);
        Checkpoint.Load(exported, Path.Combine(folder, RunFolder.SafeTensorsFile));
        foreach (var (name, t) in exported.state_dict())
            Assert.True(t.bytes.SequenceEqual(savedWeights[name].bytes), $"model.safetensors' {name} is not model.bin's");

        // The last epoch's metrics are those of model.bin, the average: evaluation ran the EMA, not the trained weights.
        var evaluated = EmaAccumulationRun.Evaluate(result.Run.Checkpoint!, settings: Settings);
        Assert.Equal(result.Final, evaluated);
    }

    [Fact]
    public void MixedPrecisionAccumulatesIntoTheMasterAndTheAverageFollowsIt()
    {
        var result = LiveTensors.LeftUnchangedBy(() => AmpEmaAccumulationRun.Train(settings: Settings));

        Assert.Equal(320 / 32 / 2, result.Run.Steps);
        Assert.True(double.IsFinite(result.Run.FinalTrainLoss), "the accumulated bf16 steps gave a train loss of " + result.Run.FinalTrainLoss);
        Assert.Equal(result.Final, AmpEmaAccumulationRun.Evaluate(result.Run.Checkpoint!, settings: Settings));
    }
}
