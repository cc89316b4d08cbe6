using TrainDsl.Runs;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>
/// ReduceLROnPlateau after a linear warmup, driven by the real test loss. PyTorch's rule: an epoch is better when
/// loss &lt; best · (1 − threshold); more than Patience bad epochs multiply the rate by Factor. With Threshold = 0.9
/// no real epoch is better than the first plateau epoch, and with Patience = 0 the next epoch already cuts the rate.
/// </summary>
[Collection(TrainingCollection.Name)]
public class PlateauTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("traindsl-plateau-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    private const double BaseLr = 0.1 * 64 / 256; // the linear scaling rule at batch 64

    [Fact]
    public void TheRateIsCutWhenTheTestLossStalls()
    {
        var result = LiveTensors.LeftUnchangedBy(() => PlateauRun.Train(settings: new RunSettings { OutputRoot = output, Log = null, Threads = 2 }));

        var csv = new MetricsCsv(result.Run.RunFolder);
        Assert.Equal(4, csv.Epochs);
        // Epoch 1: LinearLR's start factor 0.1. Epoch 2: the base rate (the warmup epoch's loss is not watched).
        // Epoch 3: the base rate (epoch 2 set the best). Epoch 4: epoch 3 stalled, Patience 0, so × 0.5.
        MetricsCsv.AssertRates([0.1 * BaseLr, BaseLr, BaseLr, 0.5 * BaseLr], csv.Column("lr"));
    }

    [Fact]
    public void ThePlanListsTheRatesItKnows()
    {
        var plan = PlateauRun.Plan();

        MetricsCsv.AssertRates([0.1 * BaseLr, BaseLr], plan.EpochLearningRates);
        Assert.Contains(plan.Notes, n => n.Contains("then reduced on plateau of test_loss", StringComparison.Ordinal));
        Assert.StartsWith("ReduceLROnPlateau(test_loss, min, factor 0.5, patience 0", plan.Schedule);
    }
}
