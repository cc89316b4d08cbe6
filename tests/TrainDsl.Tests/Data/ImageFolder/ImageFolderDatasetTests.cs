using System.Text.Json;
using TrainDsl.Data;
using TrainDsl.Data.ImageFolder;

namespace TrainDsl.Tests.Data.ImageFolder;

/// <summary>
/// <see cref="ImageFolderDataset"/> on folders of real Fashion-MNIST PNG files (<see cref="FashionFolders"/>): pixels,
/// labels, class order, layouts, the seeded split, limits and statistics, each checked against the IDX file or the
/// split reference (tests/references/image_folder_split.py).
/// </summary>
public class ImageFolderDatasetTests
{
    static DataOptions Options(string root, StringWriter? log = null, int trainLimit = 0, int testLimit = 0)
        => new() { Root = root, Log = log, TrainLimit = trainLimit, TestLimit = testLimit };

    static IEnumerable<int> Ids(int skip, int count) => Enumerable.Range(0, 10).SelectMany(c => FashionFolders.Indices(c, skip, count));

    [Fact]
    public void TrainAndTestFoldersGiveBackTheIdxPixelsLabelsAndOrdinalClassNames()
    {
        using var root = SharedData.NewFolder();
        FashionFolders.WriteSplit(Path.Combine(root.Path, "fashion"), train: 80, test: 20);
        var source = new ImageFolderDataset(Path.Combine(root.Path, "fashion"), size: 28, channels: 1);

        using var data = source.Load(Options(root.Path));

        using var expectedTrain = FashionFolders.Expected(Ids(0, 80));
        using var expectedTest = FashionFolders.Expected(Ids(80, 20));
        TensorAssert.Identical(expectedTrain, data.Train.Images);
        TensorAssert.Identical(expectedTest, data.Test.Images);
        Assert.Equal(FashionFolders.Labels(Enumerable.Repeat(80, 10)), data.Train.Labels.data<long>().ToArray());
        Assert.Equal(FashionFolders.Labels(Enumerable.Repeat(20, 10)), data.Test.Labels.data<long>().ToArray());
        Assert.Equal(FashionFolders.OrdinalClassNames, data.Train.ClassNames);
        Assert.Equal(FashionFolders.OrdinalClassNames, source.ClassNamesFor(Options(root.Path)));
        Assert.Equal("fashion", source.Name);
        Assert.Contains($"'{Path.Combine(root.Path, "fashion")}'", data.Source);
        Assert.Contains("train/ and test/ class folders; 10 classes; 800 train and 200 test images", data.Source);
        Assert.Contains(Path.Combine(root.Path, ImageFolderDataset.CacheFolder), data.Source);
    }

    [Fact]
    public void ValIsTheEvaluationSetWhenThereIsNoTestFolder()
    {
        using var root = SharedData.NewFolder();
        FashionFolders.WriteSplit(root.Path, train: 30, test: 10, testFolder: "val");

        using var data = new ImageFolderDataset(root.Path, 28, 1).Load(Options(root.Path));

        using var expected = FashionFolders.Expected(Ids(30, 10));
        TensorAssert.Identical(expected, data.Test.Images);
        Assert.Contains("val/ is the evaluation set, as there is no test/", data.Source);
    }

    /// <summary>The split the reference script computes for the class names, 100 files each, fraction 0.2 and seed 7.</summary>
    static int[] ReferenceTestPositions(string className)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "references", "image_folder_split.json")));
        return json.RootElement.GetProperty("splits").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == className && s.GetProperty("n").GetInt32() == 100 && s.GetProperty("seed").GetInt64() == 7)
            .GetProperty("test").EnumerateArray().Select(e => e.GetInt32()).ToArray();
    }

    [Fact]
    public void OneTreeIsSplitPerClassAsTheReferenceComputesIt()
    {
        using var root = SharedData.NewFolder();
        var images = Path.Combine(root.Path, "tree");
        FashionFolders.WriteClasses(images, 0, 100);
        var source = new ImageFolderDataset(images, 28, 1, testFraction: 0.2, seed: 7);

        using var data = source.Load(Options(root.Path));

        var test = new List<int>();
        var train = new List<int>();
        for (int c = 0; c < 10; c++)
        {
            var files = FashionFolders.Indices(c, 0, 100);
            var picked = ReferenceTestPositions(FashionFolders.OrdinalClassNames[c]);
            Assert.Equal(20, picked.Length);
            test.AddRange(picked.Select(p => files[p]));
            train.AddRange(files.Where((_, p) => !picked.Contains(p)));
        }
        using var expectedTrain = FashionFolders.Expected(train);
        using var expectedTest = FashionFolders.Expected(test);
        TensorAssert.Identical(expectedTrain, data.Train.Images);
        TensorAssert.Identical(expectedTest, data.Test.Images);
        Assert.Equal(Enumerable.Repeat(80L, 10), data.Train.ClassCounts());
        Assert.Equal(Enumerable.Repeat(20L, 10), data.Test.ClassCounts());
        Assert.Contains("one tree of class folders, split per class with seed 7", data.Source);
    }

    [Fact]
    public void OneTreeSplitIsTheSameOnEveryLoadAndMovesWithTheSeed()
    {
        using var root = SharedData.NewFolder();
        var images = Path.Combine(root.Path, "tree");
        FashionFolders.WriteClasses(images, 0, 30);

        // Separate data roots: each load decodes and splits afresh instead of reading the other's cache.
        using var first = new ImageFolderDataset(images, 28, 1, 0.3, seed: 11).Load(Options(Path.Combine(root.Path, "a")));
        using var again = new ImageFolderDataset(images, 28, 1, 0.3, seed: 11).Load(Options(Path.Combine(root.Path, "b")));
        using var other = new ImageFolderDataset(images, 28, 1, 0.3, seed: 12).Load(Options(Path.Combine(root.Path, "a")));

        TensorAssert.Identical(first.Test.Images, again.Test.Images);
        TensorAssert.Identical(first.Train.Images, again.Train.Images);
        Assert.Equal(Enumerable.Repeat(9L, 10), first.Test.ClassCounts()); // round(30 · 0.3)
        Assert.Equal(Enumerable.Repeat(9L, 10), other.Test.ClassCounts());
        using var same = first.Test.Images.eq(other.Test.Images).all();
        Assert.False(same.item<bool>(), "Another seed should pick other test images.");
    }

    [Fact]
    public void LimitsKeepEachClassFirstImagesAndTrainSizeNeedsNoDecoding()
    {
        using var root = SharedData.NewFolder();
        FashionFolders.WriteSplit(root.Path, train: 80, test: 20);
        var source = new ImageFolderDataset(root.Path, 28, 1);

        Assert.Equal(800, source.TrainSizeFor(Options(root.Path)));
        Assert.Equal(250, source.TrainSizeFor(Options(root.Path, trainLimit: 250)));
        Assert.False(Directory.Exists(Path.Combine(root.Path, ImageFolderDataset.CacheFolder)), "TrainSizeFor must not decode.");

        using var data = source.Load(Options(root.Path, trainLimit: 250, testLimit: 50));

        using var expectedTrain = FashionFolders.Expected(Ids(0, 25));
        using var expectedTest = FashionFolders.Expected(Ids(80, 5));
        TensorAssert.Identical(expectedTrain, data.Train.Images);
        TensorAssert.Identical(expectedTest, data.Test.Images);
        Assert.Equal(FashionFolders.Labels(Enumerable.Repeat(25, 10)), data.Train.Labels.data<long>().ToArray());
        Assert.Contains("250 train and 50 test images used of 800 and 200", data.Source);
    }

    [Fact]
    public void MeanAndStdAreTheWholeTrainingSetsExactStatistics()
    {
        using var root = SharedData.NewFolder();
        FashionFolders.WriteSplit(root.Path, train: 40, test: 10);

        using var data = new ImageFolderDataset(root.Path, 28, 1).Load(Options(root.Path, trainLimit: 20));

        // Two passes in double over the IDX bytes of the 400 training images: population mean and std of x / 255.
        var pixels = Ids(0, 40).SelectMany(i => CifarFiles.FashionImage(i).ToArray()).Select(b => b / 255.0).ToArray();
        double mean = pixels.Average();
        double std = Math.Sqrt(pixels.Sum(x => (x - mean) * (x - mean)) / pixels.Length);
        Assert.Equal((float)mean, data.Train.Mean[0]);
        Assert.Equal((float)std, data.Train.Std[0]);
        Assert.Equal(data.Train.Mean, data.Test.Mean);
        Assert.Equal(data.Train.Std, data.Test.Std);
    }

    [Fact]
    public void ThreeChannelsRepeatTheGrayImage()
    {
        using var root = SharedData.NewFolder();
        FashionFolders.WriteSplit(root.Path, train: 10, test: 5);

        using var gray = new ImageFolderDataset(root.Path, 28, 1).Load(Options(root.Path));
        using var rgb = new ImageFolderDataset(root.Path, 28, 3).Load(Options(root.Path));

        using var expected = FashionFolders.Expected(Ids(0, 10), channels: 3);
        TensorAssert.Identical(expected, rgb.Train.Images);
        Assert.Equal(Enumerable.Repeat(gray.Train.Mean[0], 3), rgb.Train.Mean);
        Assert.Equal(Enumerable.Repeat(gray.Train.Std[0], 3), rgb.Train.Std);
    }

    [Fact]
    public void HiddenEntriesAndOtherExtensionsAreIgnoredAndNestedFilesAndUpperCaseExtensionsCount()
    {
        using var root = SharedData.NewFolder();
        FashionFolders.WriteClasses(root.Path, 0, 5);
        var bag = Path.Combine(root.Path, "bag");
        int[] extra = FashionFolders.Indices(5, 5, 3);
        Directory.CreateDirectory(Path.Combine(bag, "more"));
        File.WriteAllBytes(Path.Combine(bag, "more", "x.PNG"), FashionFolders.Png(extra[0]));      // nested, upper case: counts
        File.WriteAllBytes(Path.Combine(bag, ".hidden.png"), FashionFolders.Png(extra[1]));        // hidden file: ignored
        Directory.CreateDirectory(Path.Combine(bag, ".thumbs"));
        File.WriteAllBytes(Path.Combine(bag, ".thumbs", "t.png"), FashionFolders.Png(extra[2]));   // in a hidden folder: ignored
        File.WriteAllText(Path.Combine(bag, "notes.txt"), "not an image");                         // other extension: ignored
        Directory.CreateDirectory(Path.Combine(root.Path, ".cache", "junk"));                      // hidden class folder: no class
        File.WriteAllBytes(Path.Combine(root.Path, "loose.png"), FashionFolders.Png(extra[0]));   // outside a class: noted
        var log = new StringWriter();

        using var data = new ImageFolderDataset(root.Path, 28, 1, testFraction: 0.5).Load(Options(Path.Combine(root.Path, ".cache"), log));

        Assert.Equal(FashionFolders.OrdinalClassNames, data.Train.ClassNames);
        var counts = data.Train.ClassCounts().Zip(data.Test.ClassCounts(), (a, b) => a + b).ToArray();
        Assert.Equal(6, counts[5]);
        Assert.All(counts.Where((_, c) => c != 5), n => Assert.Equal(5, n));
        Assert.Contains("1 image file(s) in", log.ToString());
    }
}
