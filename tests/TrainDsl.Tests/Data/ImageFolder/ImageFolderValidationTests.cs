using TrainDsl.Data;
using TrainDsl.Data.ImageFolder;

namespace TrainDsl.Tests.Data.ImageFolder;

/// <summary>
/// A train/, val/ and test/ tree of real Fashion-MNIST PNG files (<see cref="FashionFolders"/>): under a declared
/// validation set, <see cref="ValidationSplit.Load"/> gives val/ itself (checked against the IDX bytes), not a share of
/// train/; without one, val/ is not read. Class c (ordinal) has 2 + c images in val/, so per-class counts are distinct.
/// </summary>
public class ImageFolderValidationTests
{
    const int Train = 30, Test = 10;

    static int ValCount(int classIndex) => 2 + classIndex;

    static IEnumerable<int> Ids(int skip, int count) => Enumerable.Range(0, 10).SelectMany(c => FashionFolders.Indices(c, skip, count));

    /// <summary>Val images: class c's images [Train, Train + 2 + c); test/ takes the 10 after the largest val/ class.</summary>
    static IEnumerable<int> ValIds() => Enumerable.Range(0, 10).SelectMany(c => FashionFolders.Indices(c, Train, ValCount(c)));

    const int TestSkip = Train + 12;

    static string WriteTree(string parent)
    {
        var root = Path.Combine(parent, "fashion");
        FashionFolders.WriteClasses(Path.Combine(root, "train"), 0, Train);
        FashionFolders.WriteClasses(Path.Combine(root, "test"), TestSkip, Test);
        for (int c = 0; c < 10; c++)
        {
            var folder = Path.Combine(root, "val", FashionFolders.OrdinalClassNames[c]);
            Directory.CreateDirectory(folder);
            foreach (int i in FashionFolders.Indices(c, Train, ValCount(c))) File.WriteAllBytes(Path.Combine(folder, FashionFolders.FileName(i)), FashionFolders.Png(i));
        }
        return root;
    }

    static DataOptions Options(string dataRoot, double validation, StringWriter? log = null, int trainLimit = 0)
        => new() { Root = dataRoot, Validation = validation, Log = log, TrainLimit = trainLimit };

    [Fact]
    public void ADeclaredValidationSetIsValItselfAndTrainAndTestStayTheirFolders()
    {
        using var data = SharedData.NewFolder();
        var source = new ImageFolderDataset(WriteTree(data.Path), size: 28, channels: 1);
        var options = Options(data.Path, 0.1, trainLimit: 100);

        using var splits = ValidationSplit.Load(source, options);

        var validation = Assert.IsType<ImageDataset>(splits.Validation);
        using var expectedVal = FashionFolders.Expected(ValIds());
        TensorAssert.Identical(expectedVal, validation.Images);
        Assert.Equal(FashionFolders.Labels(Enumerable.Range(0, 10).Select(ValCount)), validation.Labels.data<long>().ToArray());
        Assert.Equal(65, validation.Count); // 2 + 3 + ... + 11, not limited by TrainLimit
        using var expectedTest = FashionFolders.Expected(Ids(TestSkip, Test));
        TensorAssert.Identical(expectedTest, splits.Test.Images);
        Assert.Equal(100, splits.Train.Count); // the limit: 10 of each class's 30, nothing carved
        Assert.Equal(FashionFolders.Labels(Enumerable.Repeat(10, 10)), splits.Train.Labels.data<long>().ToArray());
        Assert.Equal(splits.Train.Mean, validation.Mean);
        Assert.Equal(splits.Train.Std, validation.Std);
        Assert.Contains("val/ is the validation set, so the Validation fraction is unused", splits.Source);
        Assert.Contains("Validation: the 65 images of val/.", splits.Source);

        // The plan's numbers and words, from the listing alone.
        Assert.Equal(65, ValidationSplit.SizeFor(source, options));
        Assert.Equal(100, ValidationSplit.TrainSizeFor(source, options));
        Assert.Equal(Enumerable.Repeat(10L, 10), ValidationSplit.TrainClassCountsFor(source, options));
        Assert.Contains("train/, val/ and test/ class folders: val/ is the validation set, so the Validation fraction is unused",
            source.SourceFor(options));
    }

    [Fact]
    public void WithoutADeclaredValidationSetTrainTrainsTestEvaluatesAndValIsNotRead()
    {
        using var data = SharedData.NewFolder();
        var root = WriteTree(data.Path);
        // A class list val/ could not serve: harmless, as val/ is not read.
        Directory.Delete(Path.Combine(root, "val", "bag"), recursive: true);
        var source = new ImageFolderDataset(root, 28, 1);

        using var splits = ValidationSplit.Load(source, Options(data.Path, 0));

        Assert.Null(splits.Validation);
        using var expectedTrain = FashionFolders.Expected(Ids(0, Train));
        using var expectedTest = FashionFolders.Expected(Ids(TestSkip, Test));
        TensorAssert.Identical(expectedTrain, splits.Train.Images);
        TensorAssert.Identical(expectedTest, splits.Test.Images);
        Assert.Contains("train/ trains and test/ evaluates; val/ is unused without a declared Validation", splits.Source);
        Assert.Contains("val/ is unused without a declared Validation", source.SourceFor(Options(data.Path, 0)));
        Assert.Equal(0, ValidationSplit.SizeFor(source, Options(data.Path, 0)));
        Assert.Empty(Directory.GetFiles(Path.Combine(data.Path, ImageFolderDataset.CacheFolder), "*.val.cache"));
    }

    [Fact]
    public void TheSecondLoadReadsValFromItsCacheAndIsIdentical()
    {
        using var data = SharedData.NewFolder();
        var source = new ImageFolderDataset(WriteTree(data.Path), 28, 1);
        var firstLog = new StringWriter();
        using var first = ValidationSplit.Load(source, Options(data.Path, 0.2, firstLog));
        Assert.Contains("Decoding 65 images of", firstLog.ToString());

        var secondLog = new StringWriter();
        using var second = ValidationSplit.Load(source, Options(data.Path, 0.2, secondLog));

        var valCache = Assert.Single(Directory.GetFiles(Path.Combine(data.Path, ImageFolderDataset.CacheFolder), "*.val.cache"));
        Assert.Contains($"Reading 65 decoded images of '{source.FolderFor(Options(data.Path, 0))}' from the cache '{valCache}' (no decoding).", secondLog.ToString());
        Assert.DoesNotContain("Decoding", secondLog.ToString());
        TensorAssert.Identical(first.Validation!.Images, second.Validation!.Images);
        TensorAssert.Identical(first.Validation.Labels, second.Validation.Labels);
        TensorAssert.Identical(first.Train.Images, second.Train.Images);
        TensorAssert.Identical(first.Test.Images, second.Test.Images);
        // The counts the plan reads now come from the val/ cache.
        Assert.Equal(Enumerable.Range(0, 10).Select(c => (long)ValCount(c)), source.ValidationClassCountsFor(Options(data.Path, 0.2)));
    }

    [Fact]
    public void AClassMissingFromValIsRefusedWithOneSentence()
    {
        using var data = SharedData.NewFolder();
        var root = WriteTree(data.Path);
        Directory.Delete(Path.Combine(root, "val", "bag"), recursive: true);

        var error = Assert.Throws<TrainDslException>(() => ValidationSplit.Load(new ImageFolderDataset(root, 28, 1), Options(data.Path, 0.1)));

        Assert.Equal(
            $"Class 'bag' has training images in '{Path.Combine(root, "train")}' but no folder in '{Path.Combine(root, "val")}', " +
            $"so it would never be validated: add '{Path.Combine(root, "val", "bag")}' with validation images, or remove the class from train/.",
            error.Message);
        // Refused from the listing, before any image was decoded.
        var caches = Path.Combine(data.Path, ImageFolderDataset.CacheFolder);
        Assert.Empty(Directory.Exists(caches) ? Directory.GetFiles(caches, "*.cache") : []);
    }

    [Fact]
    public void AClassOnlyInValIsRefusedWithOneSentence()
    {
        using var data = SharedData.NewFolder();
        var root = WriteTree(data.Path);
        var extra = Path.Combine(root, "val", "hat");
        Directory.CreateDirectory(extra);
        File.WriteAllBytes(Path.Combine(extra, FashionFolders.FileName(0)), FashionFolders.Png(0));

        var error = Assert.Throws<TrainDslException>(() => ValidationSplit.Load(new ImageFolderDataset(root, 28, 1), Options(data.Path, 0.1)));

        Assert.Equal(
            $"Class 'hat' has a folder in '{Path.Combine(root, "val")}' but none in '{Path.Combine(root, "train")}', " +
            "so it cannot be learned: add the training images, or remove the val/ folder.",
            error.Message);
    }

    [Fact]
    public void AddingValBesideTrainAndTestRebuildsTheCacheUnderANewKey()
    {
        using var data = SharedData.NewFolder();
        var root = Path.Combine(data.Path, "fashion");
        FashionFolders.WriteClasses(Path.Combine(root, "train"), 0, Train);
        FashionFolders.WriteClasses(Path.Combine(root, "test"), TestSkip, Test);
        var source = new ImageFolderDataset(root, 28, 1);
        using (ValidationSplit.Load(source, Options(data.Path, 0))) { }
        FashionFolders.WriteClasses(Path.Combine(root, "val"), Train, 2);

        var log = new StringWriter();
        using var splits = ValidationSplit.Load(source, Options(data.Path, 0, log));

        Assert.Contains("it was decoded from another state of the folder", log.ToString());
        using var expectedTrain = FashionFolders.Expected(Ids(0, Train));
        TensorAssert.Identical(expectedTrain, splits.Train.Images);
    }
}
