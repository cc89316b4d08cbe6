using System.Text.Json;
using TrainDsl.Runs;
using TrainDsl.Tests.Data;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>
/// The generated loop on sources other than the declared Fashion-MNIST: a user's IDataSource ([Data(typeof(T))]) and
/// CIFAR-10 ([Data(Cifar10)]) read from files in the official binary layout built from real Fashion-MNIST images.
/// </summary>
[Collection(TrainingCollection.Name)]
public class DataSourceTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("traindsl-sources-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    private static JsonElement Plan(RunSummary run)
        => JsonDocument.Parse(File.ReadAllText(Path.Combine(run.RunFolder, RunFolder.PlanFile))).RootElement;

    [Fact]
    public void AUsersDataSourceTrainsThroughTheGeneratedLoop()
    {
        var settings = new RunSettings { OutputRoot = output, DataRoot = CifarFiles.FashionFolder, Log = null, Threads = 2 };

        // A higher rate than the linear scaling rule's 0.0125 at batch 32, so one short epoch shows learning.
        var result = LiveTensors.LeftUnchangedBy(() => OwnDataRun.Train(new OwnDataRun.Config { LearningRate = 0.05 }, settings));

        Assert.Equal("completed", result.Run.Status);
        Assert.Equal(384 / 32, result.Run.Steps);
        foreach (var file in new[] { RunFolder.PlanFile, RunFolder.SummaryFile, RunFolder.CheckpointFile, RunFolder.MetricsFile, RunFolder.PerClassFile })
            Assert.True(File.Exists(Path.Combine(result.Run.RunFolder, file)), file);
        var plan = Plan(result.Run);
        Assert.Equal("Fashion-MNIST tops and trousers", plan.GetProperty("dataset").GetString());
        Assert.Equal(384, plan.GetProperty("trainSize").GetInt32());
        var perClass = File.ReadAllText(Path.Combine(result.Run.RunFolder, RunFolder.PerClassFile));
        Assert.Contains("Trouser", perClass);
        Assert.DoesNotContain("Sneaker", perClass);
        // Two balanced classes: chance is 0.5; tops and trousers differ so plainly that 12 steps separate them.
        Assert.True(result.Final!.Accuracy > 0.85, $"accuracy {result.Final.Accuracy} after 12 steps (chance is 0.5)");
    }

    [Fact]
    public void Cifar10TrainsOnFilesInTheOfficialLayout()
    {
        var root = Path.Combine(output, "data");
        CifarFiles.Write(Path.Combine(root, "cifar-10-batches-bin"), CifarFiles.Cifar10(perTrainFile: 32, test: 48));
        var settings = new RunSettings { OutputRoot = output, DataRoot = root, Log = null, Threads = 2 };

        var result = LiveTensors.LeftUnchangedBy(() => CifarRun.Train(null, settings));

        Assert.Equal("completed", result.Run.Status);
        Assert.Equal(5 * 32 / 16, result.Run.Steps);
        var plan = Plan(result.Run);
        Assert.StartsWith("CIFAR-10, random crop (padding 4), horizontal flip", plan.GetProperty("dataset").GetString());
        Assert.Equal(160, plan.GetProperty("trainSize").GetInt32());
        Assert.Contains("airplane", File.ReadAllText(Path.Combine(result.Run.RunFolder, RunFolder.PerClassFile)));
        Assert.True(double.IsFinite(result.Final!.Loss), $"test loss {result.Final.Loss}");

        // Evaluate loads through the same source: the checkpoint scores the 48 test records as the run's last epoch did.
        var again = CifarRun.Evaluate(result.Run.Checkpoint!, null, settings);
        Assert.Equal(result.Final.Accuracy, again.Accuracy, 12);
    }

    /// <summary>
    /// The official images exported as PNG files and read back as an image folder train as the IDX files do: the same
    /// pixels and labels (class folders in ordinal order renumber the labels, and the sample order differs), so the
    /// same recipe and seed reach the same accuracy within noise. The tolerance, 4 points, is about three standard
    /// errors of a difference of two accuracies near 0.8 on 1,000 test images (√(2 · 0.8 · 0.2 / 1000) ≈ 1.8 points)
    /// plus the spread of two training orders.
    /// </summary>
    [Fact]
    public void AnExportedImageFolderTrainsAsTheIdxFilesDo()
    {
        var root = Path.Combine(output, "images");
        var settings = new RunSettings { OutputRoot = output, DataRoot = Path.Combine(output, "data-root"), Log = null, Threads = 2 };
        using (var data = new FashionFromIdx.Runner().LoadData(new ConfigOverrides(), settings))
            Assert.Equal(4_000, Data.ImageFolder.ImageFolderExport.Write(data, root));

        var fromIdx = FashionFromIdx.Train(null, settings);
        var fromPngs = LiveTensors.LeftUnchangedBy(() => FashionFromPngs.Train(new FashionFromPngs.Config { ImageFolder = root }, settings));

        Assert.Equal("completed", fromPngs.Run.Status);
        Assert.Equal(fromIdx.Run.Steps, fromPngs.Run.Steps);
        var plan = Plan(fromPngs.Run);
        Assert.Contains($"Image folder '{root}' (train/ and test/ class folders; 10 classes; 3,000 train and 1,000 test images used",
            plan.GetProperty("dataSource").GetString());
        Assert.Equal("T-shirt-top", plan.GetProperty("classNames")[8].GetString());
        Assert.Equal(1, plan.GetProperty("normalizeMean").GetArrayLength());
        double a = fromIdx.Final!.Accuracy, b = fromPngs.Final!.Accuracy;
        Assert.True(a > 0.7 && b > 0.7, $"IDX {a:F4}, PNG folder {b:F4}: neither should be near chance (0.1)");
        Assert.True(Math.Abs(a - b) <= 0.04, $"IDX {a:F4}, PNG folder {b:F4}");
    }

    /// <summary>
    /// A train/, val/ and test/ folder under [Data(ImageFolder, Validation = 0.1)]: the run validates on val/'s 1,000
    /// images (a copy of test/'s files) and trains on all 3,000 of train/, where carving would have held out 300.
    /// </summary>
    [Fact]
    public void AnImageFolderWithValValidatesOnVal()
    {
        var root = Path.Combine(output, "images-val");
        var settings = new RunSettings { OutputRoot = output, DataRoot = Path.Combine(output, "data-root"), Log = null, Threads = 2 };
        using (var data = new FashionFromIdx.Runner().LoadData(new ConfigOverrides(), settings))
            Assert.Equal(4_000, Data.ImageFolder.ImageFolderExport.Write(data, root));
        foreach (var file in Directory.GetFiles(Path.Combine(root, "test"), "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(root, "val", Path.GetRelativePath(Path.Combine(root, "test"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var result = LiveTensors.LeftUnchangedBy(() => FashionPngsWithVal.Train(new FashionPngsWithVal.Config { ImageFolder = root }, settings));

        Assert.Equal("completed", result.Run.Status);
        Assert.Equal(3_000 / 64, result.Run.Steps); // full batches of all of train/: nothing carved
        var plan = Plan(result.Run);
        Assert.Equal(1_000, plan.GetProperty("validationSize").GetInt32());
        Assert.Equal(3_000, plan.GetProperty("trainSize").GetInt32());
        Assert.Contains("train/, val/ and test/ class folders: val/ is the validation set, so the Validation fraction is unused",
            plan.GetProperty("dataSource").GetString());
        var csv = new MetricsCsv(result.Run.RunFolder);
        Assert.Single(csv.Column("val_loss"));
        Assert.Single(csv.Column("test_accuracy"));
    }
}
