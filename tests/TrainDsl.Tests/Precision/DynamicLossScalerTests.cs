using TrainDsl.Precision;
using TrainDsl.Tests.Data;

namespace TrainDsl.Tests.Precision;

/// <summary>
/// The scale rules of PyTorch's torch.amp.GradScaler (torch/amp/grad_scaler.py and _amp_update_scale_):
/// defaults init_scale 2^16, growth_factor 2, backoff_factor 0.5, growth_interval 2000.
/// </summary>
public class DynamicLossScalerTests
{
    [Fact]
    public void DefaultsAreGradScalers()
    {
        var scaler = new DynamicLossScaler();
        Assert.Equal(65536.0, scaler.Scale);
        Assert.Equal(2.0, scaler.GrowthFactor);
        Assert.Equal(0.5, scaler.BackoffFactor);
        Assert.Equal(2000, scaler.GrowthInterval);
        Assert.Equal(0, scaler.GrowthTracker);
    }

    [Fact]
    public void NonFiniteStepHalvesTheScaleAndRestartsTheCount()
    {
        var scaler = new DynamicLossScaler(growthInterval: 3);
        scaler.Update(false);
        scaler.Update(false);
        scaler.Update(true);
        Assert.Equal(32768.0, scaler.Scale);
        Assert.Equal(0, scaler.GrowthTracker);
        Assert.Equal(1, scaler.SkippedSteps);
        scaler.Update(true);
        Assert.Equal(16384.0, scaler.Scale);
    }

    [Fact]
    public void ScaleDoublesAfterTheGrowthIntervalOfCleanSteps()
    {
        var scaler = new DynamicLossScaler(initialScale: 1024, growthInterval: 3);
        scaler.Update(false);
        scaler.Update(false);
        Assert.Equal(1024.0, scaler.Scale);
        Assert.Equal(2, scaler.GrowthTracker);
        scaler.Update(false);
        Assert.Equal(2048.0, scaler.Scale);
        Assert.Equal(0, scaler.GrowthTracker);
        for (int i = 0; i < 3; i++) scaler.Update(false);
        Assert.Equal(4096.0, scaler.Scale);
    }

    [Fact]
    public void ScaleNeverGrowsPastTheLargestFloat()
    {
        // _amp_update_scale_ keeps the old fp32 scale when growing would make it inf.
        var scaler = new DynamicLossScaler(initialScale: Math.Pow(2, 127), growthInterval: 1);
        scaler.Update(false);
        Assert.Equal(Math.Pow(2, 127), scaler.Scale);
        Assert.Equal(0, scaler.GrowthTracker);
    }

    [Fact]
    public void StateRoundTripsThroughJson()
    {
        var scaler = new DynamicLossScaler(initialScale: 512, growthFactor: 4, backoffFactor: 0.25, growthInterval: 5);
        scaler.Update(true);
        scaler.Update(false);
        scaler.Update(false);
        var json = scaler.SaveState();
        Assert.Contains("\"_growth_tracker\": 2", json);

        var restored = new DynamicLossScaler();
        restored.LoadState(json);
        Assert.Equal(128.0, restored.Scale);
        Assert.Equal(4.0, restored.GrowthFactor);
        Assert.Equal(0.25, restored.BackoffFactor);
        Assert.Equal(5, restored.GrowthInterval);
        Assert.Equal(2, restored.GrowthTracker);
        Assert.Equal(1, restored.SkippedSteps);
        // It carries on exactly where the saved one would have.
        for (int i = 0; i < 3; i++) { scaler.Update(false); restored.Update(false); }
        Assert.Equal(512.0, restored.Scale);
        Assert.Equal(scaler.Scale, restored.Scale);
    }

    [Fact]
    public void BrokenStateSaysWhatToDo()
    {
        var broken = Assert.Throws<TrainDslException>(() => new DynamicLossScaler().LoadState("""{"format":"TrainDsl.DynamicLossScaler/1","scale":-1}"""));
        Assert.Contains("is not valid", broken.Message);
        var garbage = Assert.Throws<TrainDslException>(() => new DynamicLossScaler().LoadState("not json"));
        Assert.Contains("is not valid", garbage.Message);
    }

    [Theory]
    [InlineData(0.0, 2.0, 0.5, 2000)]
    [InlineData(65536.0, 1.0, 0.5, 2000)]
    [InlineData(65536.0, 2.0, 1.0, 2000)]
    [InlineData(65536.0, 2.0, 0.5, 0)]
    public void RejectsSettingsThatCannotWork(double scale, double growth, double backoff, int interval) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DynamicLossScaler(scale, growth, backoff, interval));
}
