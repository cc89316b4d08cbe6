using TrainDsl.Runs;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>Crop, flip and three mixing methods draw from generators seeded by the config's seed, so a seed reproduces a run.</summary>
[Collection(TrainingCollection.Name)]
public class MixingReproducibilityTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("traindsl-seeds-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    private RunSettings Settings => new() { OutputRoot = output, Log = null, Threads = 2, MaxSteps = 8 };

    [Fact]
    public void TheSameSeedGivesTheSameRunAndAnotherSeedAnother()
    {
        var a = MixedSeeds.Train(settings: Settings);
        var b = MixedSeeds.Train(settings: Settings);
        var c = MixedSeeds.Train(new MixedSeeds.Config { Seed = 12 }, Settings);

        Assert.Equal(8, a.Run.Steps);
        Assert.Equal(a.Run.FinalTrainLoss, b.Run.FinalTrainLoss);
        Assert.Equal(a.Final!.Accuracy, b.Final!.Accuracy);
        Assert.Equal(a.Final.Loss, b.Final.Loss);
        Assert.NotEqual(a.Run.FinalTrainLoss, c.Run.FinalTrainLoss);
    }
}
