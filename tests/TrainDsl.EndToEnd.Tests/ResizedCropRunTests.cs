using TrainDsl.Runs;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>
/// [RandomResizedCrop] in a generated run: its options are settable and checked at run time, the plan names them,
/// and a resumed run draws the boxes an uninterrupted one does.
/// </summary>
[Collection(TrainingCollection.Name)]
public class ResizedCropRunTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("traindsl-resized-crop-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    private RunSettings Settings => new() { OutputRoot = output, Log = null, Threads = 2 };

    private static ResizedCropRun.Config With(params (string Name, string Value)[] values)
        => new ResizedCropRun.Config().With(new ConfigOverrides { Values = values.ToDictionary(v => v.Name, v => v.Value) });

    [Fact]
    public void TheOptionsAreSettableAndThePlanNamesThem()
    {
        Assert.Equal("Fashion-MNIST, random resized crop (scale 0.35–1, ratio 0.75–1.33), horizontal flip (probability 0.5)",
            ResizedCropRun.Plan().Dataset);
        var set = With(("MinScale", "0.2"), ("MaxRatio", "2"));
        Assert.Equal((0.2, 2.0), (set.MinScale, set.MaxRatio));
        Assert.Contains("random resized crop (scale 0.2–1, ratio 0.75–2)", ResizedCropRun.Plan(set).Dataset);

        var inverted = Assert.Throws<TrainDslException>(() => ResizedCropRun.Plan(With(("MaxScale", "0.3"))));
        Assert.Equal("ResizedCropRun: MinScale (0.35) must not be above MaxScale (0.3); fix the attribute or the override.", inverted.Message);
    }

    [Fact]
    public void AResumedRunEndsBitwiseLikeTheUninterruptedOne()
    {
        var config = new ResizedCropRun.Config();
        int stepsPerEpoch = ResizedCropRun.Plan(config).StepsPerEpoch;

        var whole = ResizedCropRun.Train(config, Settings);
        var again = ResizedCropRun.Train(config, Settings);
        var stopped = ResizedCropRun.Train(config, Settings with { MaxSteps = stepsPerEpoch });
        var resumed = LiveTensors.LeftUnchangedBy(() => ResizedCropRun.Train(config, Settings with { Resume = stopped.Run.RunFolder }));

        Assert.Equal(File.ReadAllBytes(whole.Run.Checkpoint!), File.ReadAllBytes(again.Run.Checkpoint!));
        Assert.Equal(File.ReadAllBytes(whole.Run.Checkpoint!), File.ReadAllBytes(resumed.Run.Checkpoint!));
        Assert.Equal(new MetricsCsv(whole.Run.RunFolder).Column("train_loss"), new MetricsCsv(resumed.Run.RunFolder).Column("train_loss"));

        // The crop reaches the training: another range gives other weights.
        var narrower = ResizedCropRun.Train(config with { MinScale = 0.9 }, Settings);
        Assert.NotEqual(File.ReadAllBytes(whole.Run.Checkpoint!), File.ReadAllBytes(narrower.Run.Checkpoint!));
    }
}
