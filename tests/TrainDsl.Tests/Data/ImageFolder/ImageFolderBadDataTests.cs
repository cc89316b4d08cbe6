using TrainDsl.Data;
using TrainDsl.Data.ImageFolder;

namespace TrainDsl.Tests.Data.ImageFolder;

/// <summary>
/// Bad data in an image folder: unreadable files are skipped and reported or refused, per <see cref="BadImagePolicy"/>,
/// after the whole folder is decoded (never a failure part-way); folders that cannot make a training set are refused
/// with one sentence naming what is wrong.
/// </summary>
public class ImageFolderBadDataTests
{
    const int Train = 20, Test = 6;

    /// <summary>Files the decoder refuses, each named to sort between two good files of its class.</summary>
    static IReadOnlyList<string> WriteBadFiles(string images)
    {
        string Between(string set, int classIndex, string suffix)
        {
            var files = FashionFolders.Indices(classIndex, set == "train" ? 0 : Train, set == "train" ? Train : Test);
            return Path.Combine(images, set, FashionFolders.OrdinalClassNames[classIndex], $"{files[files.Length / 2]:D5}{suffix}");
        }
        var png = FashionFolders.Png(7);
        var jpeg = FashionFolders.Jpeg(8);
        var bad = new Dictionary<string, byte[]>
        {
            [Between("train", 0, "-corrupt.jpg")] = [0xFF, 0xD8, 0xFF, 0xE0, .. Enumerable.Range(0, 300).Select(i => (byte)(i * 37))],
            [Between("train", 0, "-truncated.png")] = png[..(png.Length / 2)],
            [Between("train", 4, "-empty.png")] = [],
            [Between("train", 9, "-text.jpeg")] = "this is a text file with an image extension"u8.ToArray(),
            [Between("test", 2, "-tiff.png")] = [(byte)'I', (byte)'I', 42, 0, .. new byte[200]],
            [Between("test", 9, "-truncated.jpg")] = jpeg[..(jpeg.Length / 3)],
        };
        foreach (var (path, bytes) in bad) File.WriteAllBytes(path, bytes);
        return [.. bad.Keys];
    }

    static IEnumerable<int> Ids(int skip, int count) => Enumerable.Range(0, 10).SelectMany(c => FashionFolders.Indices(c, skip, count));

    [Fact]
    public void UnreadableFilesAreSkippedAndReported()
    {
        using var root = SharedData.NewFolder();
        var images = Path.Combine(root.Path, "images");
        FashionFolders.WriteSplit(images, Train, Test);
        var bad = WriteBadFiles(images);
        var source = new ImageFolderDataset(images, 28, 1, badImages: BadImagePolicy.Skip);
        var options = new DataOptions { Root = root.Path, Log = new StringWriter() };
        Assert.Equal(10 * Train + 4, source.TrainSizeFor(options)); // the listing alone cannot tell bad files

        using var data = source.Load(options);

        // The good files' pixels, in order: the bad files' rows were removed, not left as holes.
        using var expectedTrain = FashionFolders.Expected(Ids(0, Train));
        using var expectedTest = FashionFolders.Expected(Ids(Train, Test));
        TensorAssert.Identical(expectedTrain, data.Train.Images);
        TensorAssert.Identical(expectedTest, data.Test.Images);
        Assert.Equal(FashionFolders.Labels(Enumerable.Repeat(Train, 10)), data.Train.Labels.data<long>().ToArray());
        var log = options.Log!.ToString()!;
        Assert.All(bad, path => Assert.Contains($"Skipped: Image '{path}'", log));
        Assert.Contains("6 unreadable file(s) skipped", log);
        Assert.Contains("6 unreadable files skipped ('train/Ankle boot/", data.Source);
        Assert.Equal(10 * Train, source.TrainSizeFor(options)); // now the cache knows
    }

    [Fact]
    public void RefusePolicyListsEveryUnreadableFileAndTheCacheServesSkipLater()
    {
        using var root = SharedData.NewFolder();
        var images = Path.Combine(root.Path, "images");
        FashionFolders.WriteSplit(images, Train, Test);
        var bad = WriteBadFiles(images);

        var error = Assert.Throws<TrainDslException>(() =>
            new ImageFolderDataset(images, 28, 1, badImages: BadImagePolicy.Refuse).Load(new DataOptions { Root = root.Path }));

        Assert.StartsWith($"'{images}' holds 6 file(s) the decoder cannot read, and the bad-image policy is Refuse:", error.Message);
        Assert.All(bad, path => Assert.Contains($"'{path}'", error.Message));
        Assert.EndsWith("Replace or remove them, or use BadImagePolicy.Skip to train without them.", error.Message);

        var log = new StringWriter();
        using var data = new ImageFolderDataset(images, 28, 1).Load(new DataOptions { Root = root.Path, Log = log });
        Assert.Contains("(no decoding)", log.ToString());
        Assert.Equal(10 * Test, data.Test.Count);
    }

    [Fact]
    public void BrokenLinkIsSkippedLikeAnUnreadableImage()
    {
        using var root = SharedData.NewFolder();
        FashionFolders.WriteSplit(root.Path, 3, 2);
        var link = Path.Combine(root.Path, "train", "bag", "gone.png");
        File.CreateSymbolicLink(link, Path.Combine(root.Path, "nowhere.png"));
        var log = new StringWriter();

        using var data = new ImageFolderDataset(root.Path, 28, 1).Load(new DataOptions { Root = root.Path, Log = log });

        Assert.Equal(30, data.Train.Count);
        Assert.Contains($"Skipped: Image '{link}' cannot be read (", log.ToString());
    }

    [Fact]
    public void ClassWithNoReadableTrainingImageIsRefused()
    {
        using var root = SharedData.NewFolder();
        FashionFolders.WriteSplit(root.Path, 3, 2);
        foreach (var file in Directory.GetFiles(Path.Combine(root.Path, "train", "coat"))) File.WriteAllBytes(file, []);

        var error = Assert.Throws<TrainDslException>(() => new ImageFolderDataset(root.Path, 28, 1).Load(new DataOptions { Root = root.Path }));

        Assert.Equal($"No training image of class 'coat' in '{root.Path}' could be decoded, so it cannot be learned: " +
                     "replace the unreadable files (listed in the log).", error.Message);
    }

    [Fact]
    public void EmptyClassFolderIsRefused()
    {
        using var root = SharedData.NewFolder();
        FashionFolders.WriteClasses(root.Path, 0, 3);
        var bag = Path.Combine(root.Path, "bag");
        foreach (var file in Directory.GetFiles(bag)) File.Delete(file);
        File.WriteAllText(Path.Combine(bag, "readme.txt"), "bags");

        var error = Assert.Throws<TrainDslException>(() => new ImageFolderDataset(root.Path, 28, 1).Load(new DataOptions { Root = root.Path }));

        Assert.Equal($"No image files (.png, .jpg, .jpeg, .bmp, .gif, .webp) were found in the class folder '{bag}', so class 'bag' " +
                     "cannot be learned: add images there, or remove the folder.", error.Message);
    }

    [Fact]
    public void ClassMissingFromTheTestFolderIsRefused()
    {
        using var root = SharedData.NewFolder();
        FashionFolders.WriteSplit(root.Path, 3, 2);
        Directory.Delete(Path.Combine(root.Path, "test", "coat"), recursive: true);

        var error = Assert.Throws<TrainDslException>(() => new ImageFolderDataset(root.Path, 28, 1).TrainSizeFor(new DataOptions { Root = root.Path }));

        var test = Path.Combine(root.Path, "test");
        Assert.Equal($"Class 'coat' has training images in '{Path.Combine(root.Path, "train")}' but no folder in '{test}', so it would " +
                     $"never be evaluated: add '{Path.Combine(test, "coat")}' with evaluation images, or remove the class from train/.", error.Message);
    }

    [Fact]
    public void EmptyValClassFolderIsRefused()
    {
        using var root = SharedData.NewFolder();
        FashionFolders.WriteSplit(root.Path, 3, 2, testFolder: "val");
        var shirt = Path.Combine(root.Path, "val", "shirt");
        foreach (var file in Directory.GetFiles(shirt)) File.Delete(file);

        var error = Assert.Throws<TrainDslException>(() => new ImageFolderDataset(root.Path, 28, 1).Load(new DataOptions { Root = root.Path }));

        Assert.Contains($"'{shirt}', so class 'shirt' would never be evaluated", error.Message);
    }

    [Fact]
    public void ClassOnlyInTheTestFolderIsRefused()
    {
        using var root = SharedData.NewFolder();
        FashionFolders.WriteSplit(root.Path, 3, 2);
        Directory.CreateDirectory(Path.Combine(root.Path, "test", "zebra"));

        var error = Assert.Throws<TrainDslException>(() => new ImageFolderDataset(root.Path, 28, 1).Load(new DataOptions { Root = root.Path }));

        Assert.StartsWith($"Class 'zebra' has a folder in '{Path.Combine(root.Path, "test")}' but none in '{Path.Combine(root.Path, "train")}'", error.Message);
    }

    [Fact]
    public void TrainFolderWithoutTestOrValIsRefused()
    {
        using var root = SharedData.NewFolder();
        FashionFolders.WriteClasses(Path.Combine(root.Path, "train"), 0, 2);

        var error = Assert.Throws<TrainDslException>(() => new ImageFolderDataset(root.Path, 28, 1).Load(new DataOptions { Root = root.Path }));

        Assert.StartsWith($"'{root.Path}' has a train/ folder but no test/ or val/ beside it", error.Message);
    }

    [Fact]
    public void FolderWithoutClassFoldersIsRefused()
    {
        using var root = SharedData.NewFolder();
        File.WriteAllBytes(Path.Combine(root.Path, "a.png"), FashionFolders.Png(0));

        var error = Assert.Throws<TrainDslException>(() => new ImageFolderDataset(root.Path, 28, 1).Load(new DataOptions { Root = root.Path }));

        Assert.StartsWith($"'{root.Path}' holds no class folders", error.Message);
    }

    [Fact]
    public void MissingFolderIsRefusedWithHowToPointAtData()
    {
        using var root = SharedData.NewFolder();
        var options = new DataOptions { Root = root.Path };

        var relative = Assert.Throws<TrainDslException>(() => new ImageFolderDataset("flowers", 64).Load(options));
        var absolute = Assert.Throws<TrainDslException>(() => new ImageFolderDataset(Path.Combine(root.Path, "x", "flowers"), 64).TrainSizeFor(options));

        Assert.Equal($"The image folder '{Path.Combine(root.Path, "flowers")}' does not exist: give its absolute path as the [Data] path, " +
                     $"or a path relative to the data root '{root.Path}', which --data or $TRAINDSL_DATA sets.", relative.Message);
        Assert.Equal($"The image folder '{Path.Combine(root.Path, "x", "flowers")}' does not exist: give its absolute path as the [Data] path.",
                     absolute.Message);
    }

    [Fact]
    public void RelativePathIsResolvedUnderTheDataRoot()
    {
        using var root = SharedData.NewFolder();
        FashionFolders.WriteSplit(Path.Combine(root.Path, "fashion"), 2, 1);

        using var data = new ImageFolderDataset("fashion", 28, 1).Load(new DataOptions { Root = root.Path });

        Assert.Equal(20, data.Train.Count);
    }
}
