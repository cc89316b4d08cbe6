using TrainDsl.Data;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Data;

/// <summary>
/// CIFAR-10 and CIFAR-100 in the official binary layout (Krizhevsky 2009), written by <see cref="CifarFiles"/> from real
/// Fashion-MNIST images and read back by <see cref="CifarDataset"/>.
/// </summary>
public class CifarDatasetTests
{
    const int PerTrainFile = 24, TestRecords = 30;

    static readonly string[] Cifar10Names = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    static long[] Labels(Func<int, int, int> label, int first, int records) => [.. Enumerable.Range(0, records).Select(r => (long)label(first, r))];

    static long[] Cifar10TrainLabels() =>
        [.. Enumerable.Range(0, 5).SelectMany(f => Labels(CifarFiles.Cifar10Label, 3 * PerTrainFile * f, PerTrainFile))];

    [Fact]
    public void Cifar10FilesGiveBackTheirPixelsLabelsAndNames()
    {
        using var root = SharedData.NewFolder();
        CifarFiles.Write(Path.Combine(root.Path, "cifar-10-batches-bin"), CifarFiles.Cifar10(PerTrainFile, TestRecords));

        using var data = CifarDataset.Cifar10.Load(new DataOptions { Root = root.Path });

        using var expectedTrain = CifarFiles.ExpectedImages(0, 5 * PerTrainFile);
        using var expectedTest = CifarFiles.ExpectedImages(3 * 5 * PerTrainFile, TestRecords);
        TensorAssert.Identical(expectedTrain, data.Train.Images);
        TensorAssert.Identical(expectedTest, data.Test.Images);
        Assert.Equal(Cifar10TrainLabels(), data.Train.Labels.data<long>().ToArray());
        Assert.Equal(Labels(CifarFiles.Cifar10Label, 3 * 5 * PerTrainFile, TestRecords), data.Test.Labels.data<long>().ToArray());
        Assert.Equal(Cifar10Names, data.Train.ClassNames);
        Assert.Equal(Cifar10Names, CifarDataset.Cifar10.ClassNames);
        Assert.Equal("CIFAR-10", CifarDataset.Cifar10.Name);
        Assert.Equal(3, data.Train.Channels);
        Assert.Equal((32, 32), (data.Train.Height, data.Train.Width));
        Assert.Contains(Path.Combine(root.Path, "cifar-10-batches-bin"), data.Source);
    }

    /// <summary>One pixel checked by hand: record 7's green plane is image 3·7 + 1, shifted by the 2-pixel border.</summary>
    [Fact]
    public void PlanesAreRedGreenBlueRowByRow()
    {
        using var root = SharedData.NewFolder();
        CifarFiles.Write(root.Path, CifarFiles.Cifar10(PerTrainFile, TestRecords));

        using var data = CifarDataset.Cifar10.Load(new DataOptions { Root = root.Path });

        using var scope = NewDisposeScope();
        var image = CifarFiles.FashionImage(3 * 7 + 1);
        int brightest = image.IndexOf(image.ToArray().Max());
        int y = brightest / 28, x = brightest % 28;
        Assert.Equal(image[brightest], data.Train.Images[7, 1, y + 2, x + 2].item<byte>());
        Assert.Equal(0, data.Train.Images[7, 1, 0, x + 2].item<byte>());
    }

    [Fact]
    public void PublishedStatisticsNormaliseTheSets()
    {
        using var root = SharedData.NewFolder();
        CifarFiles.Write(root.Path, CifarFiles.Cifar10(PerTrainFile, TestRecords));
        CifarFiles.Write(Path.Combine(root.Path, "cifar-100-binary"), CifarFiles.Cifar100(40, 20));

        using var ten = CifarDataset.Cifar10.Load(new DataOptions { Root = root.Path });
        using var hundred = CifarDataset.Cifar100.Load(new DataOptions { Root = root.Path });

        // The per-channel statistics of the 50,000 training images as published (see CifarDataset's remarks).
        Assert.Equal([0.4914f, 0.4822f, 0.4465f], ten.Train.Mean);
        Assert.Equal([0.2470f, 0.2435f, 0.2616f], ten.Test.Std);
        Assert.Equal([0.5071f, 0.4865f, 0.4409f], hundred.Test.Mean);
        Assert.Equal([0.2673f, 0.2564f, 0.2762f], hundred.Train.Std);
    }

    [Fact]
    public void Cifar100TakesTheFineLabelAndThePublishedNames()
    {
        using var root = SharedData.NewFolder();
        CifarFiles.Write(Path.Combine(root.Path, "cifar-100-binary"), CifarFiles.Cifar100(90, 20));

        using var data = CifarDataset.Cifar100.Load(new DataOptions { Root = root.Path });

        using var expected = CifarFiles.ExpectedImages(0, 90);
        TensorAssert.Identical(expected, data.Train.Images);
        Assert.Equal(Labels(CifarFiles.Cifar100FineLabel, 0, 90), data.Train.Labels.data<long>().ToArray());
        Assert.Equal(Labels(CifarFiles.Cifar100FineLabel, 270, 20), data.Test.Labels.data<long>().ToArray());
        Assert.Equal(100, data.Train.Classes);
        Assert.Equal(("apple", "aquarium_fish", "keyboard", "worm"),
            (data.Train.ClassNames[0], data.Train.ClassNames[1], data.Train.ClassNames[39], data.Train.ClassNames[99]));
        Assert.Equal(data.Train.ClassNames.Order(StringComparer.Ordinal), data.Train.ClassNames); // published alphabetically
        Assert.Equal(100, data.Train.ClassNames.Distinct().Count());
    }

    [Fact]
    public void ANamesFileNamesTheClasses()
    {
        using var root = SharedData.NewFolder();
        var folder = Path.Combine(root.Path, "cifar-100-binary");
        CifarFiles.Write(folder, CifarFiles.Cifar100(20, 10));
        var names = Enumerable.Range(0, 100).Select(c => $"class {c:D2}").ToArray();
        File.WriteAllText(Path.Combine(folder, "fine_label_names.txt"), string.Join("\n", names) + "\n\n");

        using var data = CifarDataset.Cifar100.Load(new DataOptions { Root = root.Path });

        Assert.Equal(names, data.Train.ClassNames);
        Assert.Equal(names, data.Test.ClassNames);
    }

    [Fact]
    public void ANamesFileWithTheWrongCountIsOneSentence()
    {
        using var root = SharedData.NewFolder();
        var folder = Path.Combine(root.Path, "cifar-10-batches-bin");
        CifarFiles.Write(folder, CifarFiles.Cifar10(4, 4));
        var names = Path.Combine(folder, "batches.meta.txt");
        File.WriteAllText(names, "airplane\nautomobile\n");

        var e = Assert.Throws<InvalidDataException>(() => CifarDataset.Cifar10.Load(new DataOptions { Root = root.Path }));

        Assert.Equal($"'{names}' names 2 classes, but CIFAR-10 has 10; replace it with the file from the official binary archive " +
            "cifar-10-binary.tar.gz, or delete it to use the published names.", e.Message);
    }

    /// <summary>The limits keep each class's first images in file order, in proportion to the class sizes, as for IDX data.</summary>
    [Fact]
    public void LimitsKeepEachClassesFirstImages()
    {
        using var root = SharedData.NewFolder();
        CifarFiles.Write(root.Path, CifarFiles.Cifar10(PerTrainFile, TestRecords));
        var options = new DataOptions { Root = root.Path, TrainLimit = 37, TestLimit = 10 };

        using var data = CifarDataset.Cifar10.Load(options);

        var labels = Cifar10TrainLabels();
        var quotas = StratifiedLimit.Quotas([.. Enumerable.Range(0, 10).Select(c => (long)labels.Count(l => l == c))], 37);
        var kept = Enumerable.Range(0, labels.Length)
            .Where(i => Enumerable.Range(0, i).Count(j => labels[j] == labels[i]) < quotas[labels[i]]).ToArray();
        Assert.Equal(37, kept.Length);
        Assert.Equal(kept.Select(i => labels[i]), data.Train.Labels.data<long>().ToArray());
        using var all = CifarFiles.ExpectedImages(0, 5 * PerTrainFile);
        using var index = tensor(kept.Select(i => (long)i).ToArray());
        using var expected = all.index_select(0, index);
        TensorAssert.Identical(expected, data.Train.Images);
        Assert.Equal(10, data.Test.Count);
        Assert.Equal(37, CifarDataset.Cifar10.TrainSizeFor(options));
        Assert.Equal(5 * PerTrainFile, CifarDataset.Cifar10.TrainSizeFor(options with { TrainLimit = 0 }));
    }

    [Fact]
    public void WithoutFilesThePlanCountsTheOfficialTrainingSet()
    {
        using var root = SharedData.NewFolder();
        Assert.Equal(50_000, CifarDataset.Cifar10.TrainSizeFor(new DataOptions { Root = root.Path }));
        Assert.Equal(1_234, CifarDataset.Cifar100.TrainSizeFor(new DataOptions { Root = root.Path, TrainLimit = 1_234 }));
        Assert.Empty(Directory.GetFileSystemEntries(root.Path));
    }

    [Fact]
    public void MissingFilesAreOneSentenceNamingTheFoldersAndFiles()
    {
        using var root = SharedData.NewFolder();

        var ten = Assert.Throws<TrainDslException>(() => CifarDataset.Cifar10.Load(new DataOptions { Root = root.Path }));
        var hundred = Assert.Throws<TrainDslException>(() => CifarDataset.Cifar100.Load(new DataOptions { Root = root.Path }));

        var folder = Path.Combine(root.Path, "cifar-10-batches-bin");
        Assert.Equal($"No CIFAR-10 files were found in '{folder}' or '{root.Path}': put data_batch_1.bin … data_batch_5.bin and " +
            $"test_batch.bin in '{folder}' (the folder the official binary archive cifar-10-binary.tar.gz unpacks to), or put " +
            $"cifar-10-binary.tar.gz itself in '{root.Path}'; the archive is the \"binary version\" on the CIFAR page of Alex " +
            "Krizhevsky's site at the University of Toronto.", ten.Message);
        Assert.StartsWith($"No CIFAR-100 files were found in '{Path.Combine(root.Path, "cifar-100-binary")}' or '{root.Path}': " +
            "put train.bin and test.bin in", hundred.Message);
    }

    [Fact]
    public void SomeFilesMissingIsOneSentence()
    {
        using var root = SharedData.NewFolder();
        var folder = Path.Combine(root.Path, "cifar-10-batches-bin");
        CifarFiles.Write(folder, CifarFiles.Cifar10(2, 2));
        File.Delete(Path.Combine(folder, "data_batch_4.bin"));
        File.Delete(Path.Combine(folder, "test_batch.bin"));

        var e = Assert.Throws<TrainDslException>(() => CifarDataset.Cifar10.Load(new DataOptions { Root = root.Path }));

        Assert.Equal($"The folder '{folder}' holds only some of the CIFAR-10 files (missing data_batch_4.bin, test_batch.bin); " +
            $"add them, or put the official binary archive cifar-10-binary.tar.gz in '{root.Path}' to unpack all of them.", e.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(+1)]
    public void AFileOfTheWrongSizeIsOneSentence(int extraBytes)
    {
        using var root = SharedData.NewFolder();
        var files = CifarFiles.Cifar10(3, 3).ToDictionary();
        var whole = files["data_batch_3.bin"];
        files["data_batch_3.bin"] = extraBytes < 0 ? whole[..^1] : [.. whole, 0];
        CifarFiles.Write(root.Path, files);
        var path = Path.Combine(root.Path, "data_batch_3.bin");

        var load = Assert.Throws<InvalidDataException>(() => CifarDataset.Cifar10.Load(new DataOptions { Root = root.Path }));
        var plan = Assert.Throws<InvalidDataException>(() => CifarDataset.Cifar10.TrainSizeFor(new DataOptions { Root = root.Path }));

        Assert.Equal($"The CIFAR-10 file '{path}' has {3 * 3073 + extraBytes:N0} bytes, which is not a whole number of 3,073-byte " +
            "records; replace it with the file from the official binary archive cifar-10-binary.tar.gz.", load.Message);
        Assert.Equal(load.Message, plan.Message);
    }

    [Fact]
    public void ALabelBeyondTheClassesIsOneSentence()
    {
        using var root = SharedData.NewFolder();
        var files = CifarFiles.Cifar10(3, 3).ToDictionary();
        files["test_batch.bin"][2 * 3073] = 10;
        CifarFiles.Write(root.Path, files);

        var e = Assert.Throws<InvalidDataException>(() => CifarDataset.Cifar10.Load(new DataOptions { Root = root.Path }));

        Assert.Equal($"The CIFAR-10 file '{Path.Combine(root.Path, "test_batch.bin")}' has label 10 in record 2, but the dataset has " +
            "only 10 classes; replace it with the file from the official binary archive cifar-10-binary.tar.gz.", e.Message);
    }

    [Fact]
    public void TheOfficialArchiveIsUnpackedOnce()
    {
        using var root = SharedData.NewFolder();
        var files = CifarFiles.Cifar10(PerTrainFile, TestRecords).ToDictionary();
        files["batches.meta.txt"] = System.Text.Encoding.ASCII.GetBytes(string.Join("\n", Cifar10Names) + "\n\n");
        files["readme.html"] = "<html></html>"u8.ToArray();
        var archive = Path.Combine(root.Path, "cifar-10-binary.tar.gz");
        CifarFiles.WriteArchive(archive, "cifar-10-batches-bin", files);
        var log = new StringWriter();

        Assert.Equal(50_000, CifarDataset.Cifar10.TrainSizeFor(new DataOptions { Root = root.Path })); // plan does not unpack
        using (var data = CifarDataset.Cifar10.Load(new DataOptions { Root = root.Path, Log = log }))
        {
            using var expected = CifarFiles.ExpectedImages(0, 5 * PerTrainFile);
            TensorAssert.Identical(expected, data.Train.Images);
            Assert.Equal(Cifar10TrainLabels(), data.Train.Labels.data<long>().ToArray());
        }

        var folder = Path.Combine(root.Path, "cifar-10-batches-bin");
        Assert.Equal(["batches.meta.txt", "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains($"Unpacked CIFAR-10 from '{archive}' into '{folder}'.", log.ToString());
        File.Delete(archive);
        using var again = CifarDataset.Cifar10.Load(new DataOptions { Root = root.Path });
        Assert.Equal(5 * PerTrainFile, again.Train.Count);
        Assert.Equal(5 * PerTrainFile, CifarDataset.Cifar10.TrainSizeFor(new DataOptions { Root = root.Path }));
        Assert.Equal(2, Directory.GetFileSystemEntries(root.Path).Length); // the folder and its lock file, no temporary folder
    }

    [Fact]
    public void AnArchiveWithoutTheFilesUnpacksNothing()
    {
        using var root = SharedData.NewFolder();
        var files = CifarFiles.Cifar10(2, 2).ToDictionary();
        files.Remove("data_batch_2.bin");
        var archive = Path.Combine(root.Path, "cifar-10-binary.tar.gz");
        CifarFiles.WriteArchive(archive, "cifar-10-batches-bin", files);

        var e = Assert.Throws<InvalidDataException>(() => CifarDataset.Cifar10.Load(new DataOptions { Root = root.Path }));

        Assert.Equal($"The archive '{archive}' holds no data_batch_2.bin, so it is not the official CIFAR-10 binary archive; nothing was unpacked.", e.Message);
        Assert.False(Directory.Exists(Path.Combine(root.Path, "cifar-10-batches-bin")));
    }

    [Fact]
    public void ABrokenArchiveIsOneSentence()
    {
        using var root = SharedData.NewFolder();
        var archive = Path.Combine(root.Path, "cifar-100-binary.tar.gz");
        File.WriteAllBytes(archive, [1, 2, 3, 4, 5]);

        var e = Assert.Throws<InvalidDataException>(() => CifarDataset.Cifar100.Load(new DataOptions { Root = root.Path }));

        Assert.StartsWith($"The archive '{archive}' is not a readable .tar.gz file (", e.Message);
        Assert.EndsWith("); replace it with the official CIFAR-100 binary archive.", e.Message);
    }

    [Fact]
    public void BuiltInSourcesAreDataSources()
    {
        IDataSource[] sources = [IdxDataset.FashionMnist, IdxDataset.Mnist, CifarDataset.Cifar10, CifarDataset.Cifar100];
        Assert.Equal(["Fashion-MNIST", "MNIST", "CIFAR-10", "CIFAR-100"], sources.Select(s => s.Name));
        Assert.Equal([10, 10, 10, 100], sources.Select(s => s.ClassNames.Count));
    }
}
