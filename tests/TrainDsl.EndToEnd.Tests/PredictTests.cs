using System.Text.Json;
using FashionMnistExample;
using TrainDsl.Cli;
using TrainDsl.Data;
using TrainDsl.Data.ImageFolder;
using TrainDsl.Metrics;
using TrainDsl.Models;
using TrainDsl.Runs;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>
/// A short FashionBaseline run; 20 official Fashion-MNIST test images (the first 2 of each class, as
/// <c>--test-limit 20</c> picks them) and 640 training images exported as PNG files by <c>export-images</c>; and a short
/// run of FashionFromPngs, an image-folder experiment, on that export.
/// </summary>
public sealed class TrainedBaseline : IDisposable
{
    public TrainedBaseline()
    {
        var train = PredictTests.Run("train", "-e", "FashionBaseline", "--train-limit", "1280", "--test-limit", "20", "--epochs", "1",
            "--out", Runs, "--quiet");
        Assert.True(train.Exit == 0, train.Err);
        var export = PredictTests.Run("export-images", "-e", "FashionBaseline", "--train-limit", "640", "--test-limit", "20", "--out", Pngs);
        Assert.True(export.Exit == 0, export.Err);
        Directory.CreateDirectory(DataRoot); // --data must name an existing folder (a mistyped path is refused, not created)
        var folderRun = PredictTests.Run("train", "-e", "FashionFromPngs", "--set", "ImageFolder=" + Pngs, "--epochs", "1",
            "--data", DataRoot, "--out", Runs, "--quiet");
        Assert.True(folderRun.Exit == 0, folderRun.Err);
        Best = Assert.Single(Directory.GetFiles(Path.Combine(Runs, "FashionBaseline"), RunFolder.BestCheckpointFile, SearchOption.AllDirectories));
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("traindsl-predict-").FullName;
    public string Runs => Path.Combine(Root, "runs");
    public string Pngs => Path.Combine(Root, "pngs");
    public string TestPngs => Path.Combine(Pngs, "test");
    public string DataRoot => Path.Combine(Root, "data");
    public string Best { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary><c>predict</c> and the generated <c>Predict</c> on real images, checked against <c>eval</c> on the same images.</summary>
[Collection(TrainingCollection.Name)]
public class PredictTests(TrainedBaseline trained) : IClassFixture<TrainedBaseline>
{
    internal static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = ExperimentCli.Run(args, [new FashionBaseline.Runner(), new FashionFullRecipe.Runner(), new FashionFromPngs.Runner()], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static readonly IReadOnlyList<string> ClassFolders = ImageFolderExport.FolderNames(IdxDataset.FashionMnist.ClassNames);

    // The label an exported file holds: the index of its class folder.
    private static int LabelOf(string file) =>
        ClassFolders.ToList().IndexOf(Path.GetFileName(Path.GetDirectoryName(file))!);

    [Fact]
    public void PredictAgreesWithEvalOnTheSameTwentyOfficialTestImages()
    {
        var predict = Run("predict", "-e", "FashionBaseline", "--out", trained.Runs, "--json", trained.TestPngs);
        var eval = Run("eval", "-e", "FashionBaseline", "--test-limit", "20", "--checkpoint", trained.Best, "--json");

        Assert.True(predict.Exit == 0, predict.Err);
        Assert.True(eval.Exit == 0, eval.Err);
        var predictions = JsonDocument.Parse(predict.Out).RootElement.EnumerateArray()
            .Select(p => (File: p.GetProperty("image").GetString()!, Class: p.GetProperty("class").GetInt32())).ToList();
        Assert.Equal(20, predictions.Count);
        int correct = predictions.Count(p => p.Class == LabelOf(p.File));
        double accuracy = JsonDocument.Parse(eval.Out).RootElement.GetProperty("test_accuracy").GetDouble(); // FashionBaseline declares a validation split: test_ columns
        Assert.Equal(accuracy * 20, correct, 9);

        // Image by image: eval's confusion matrix over the IDX tensors is the one predict's answers on the PNG files make.
        using var data = new FashionBaseline.Runner().LoadData(new ConfigOverrides { TestLimit = 20 }, new RunSettings { Log = null });
        using var model = FashionBaseline.CreateModel(1, 10);
        Checkpoint.Load(model, trained.Best);
        using var confusion = new ConfusionMatrix(10);
        FashionBaseline.Evaluate(model, new BatchLoader(data.Test, 512, shuffle: false, dropLast: false), confusion);
        var fromFiles = new long[10, 10];
        foreach (var (file, predicted) in predictions) fromFiles[LabelOf(file), predicted]++;
        Assert.Equal(confusion.Matrix, fromFiles);
    }

    [Fact]
    public void AnImageFolderExperimentPredictsWithTheStatisticsItsRunRecorded()
    {
        var best = Assert.Single(Directory.GetFiles(Path.Combine(trained.Runs, "FashionFromPngs"), RunFolder.BestCheckpointFile, SearchOption.AllDirectories));
        var plan = JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(best)!, RunFolder.PlanFile))).RootElement;
        // Computed over the 640 exported training images, so not Fashion-MNIST's published 0.2860.
        Assert.NotEqual(0.2860, plan.GetProperty("normalizeMean")[0].GetDouble(), 3);

        var predict = Run("predict", "-e", "FashionFromPngs", "--out", trained.Runs, "--json", trained.TestPngs);
        var eval = Run("eval", "-e", "FashionFromPngs", "--set", "ImageFolder=" + trained.Pngs, "--data", trained.DataRoot,
            "--checkpoint", best, "--json");

        Assert.True(predict.Exit == 0, predict.Err);
        Assert.True(eval.Exit == 0, eval.Err);
        var predictions = JsonDocument.Parse(predict.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(20, predictions.Count);
        int correct = predictions.Count(p => p.GetProperty("class").GetInt32() == FolderLabel(p.GetProperty("image").GetString()!));
        double accuracy = JsonDocument.Parse(eval.Out).RootElement.GetProperty("accuracy").GetDouble();
        Assert.Equal(accuracy * 20, correct, 9);
    }

    // An image folder's labels are its class folders in ordinal order.
    private static int FolderLabel(string file) =>
        ClassFolders.Order(StringComparer.Ordinal).ToList().IndexOf(Path.GetFileName(Path.GetDirectoryName(file))!);

    [Fact]
    public void ACheckpointWithoutItsRunFolderTakesTheInputFromTheData()
    {
        var alone = Path.Combine(trained.Root, "copied");
        Directory.CreateDirectory(alone);
        File.Copy(trained.Best, Path.Combine(alone, "weights.bin"), overwrite: true);

        var copied = Run("predict", "-e", "FashionBaseline", "--checkpoint", Path.Combine(alone, "weights.bin"), "--json", "--top", "10", trained.TestPngs);
        var inRunFolder = Run("predict", "-e", "FashionBaseline", "--checkpoint", trained.Best, "--json", "--top", "10", trained.TestPngs);

        Assert.True(copied.Exit == 0, copied.Err);
        Assert.Equal(inRunFolder.Out, copied.Out);
    }

    [Fact]
    public void PngFilesGiveTheProbabilitiesOfTheIdxTensors()
    {
        using var data = new FashionBaseline.Runner().LoadData(new ConfigOverrides { TestLimit = 20 }, new RunSettings { Log = null });
        var labels = data.Test.Labels.data<long>().ToArray();

        var (fromTensors, fromFiles) = LiveTensors.LeftUnchangedBy(() =>
        {
            using var predictor = FashionBaseline.LoadPredictor(trained.Best);
            // The export numbers each class's images in the set's order: image i is <class>/<its number>.png.
            var seen = new int[10];
            var files = labels.Select(l => Path.Combine(trained.TestPngs, ClassFolders[(int)l], $"{seen[l]++:D5}.png")).ToList();
            return (predictor.Predict(data.Test.Images, top: 10), predictor.Predict(files, top: 10));
        });

        Assert.Equal(20, fromFiles.Count);
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(fromTensors[i].Top.Select(c => c.Class), fromFiles[i].Top.Select(c => c.Class));
            Assert.Equal(fromTensors[i].Top.Select(c => c.Probability), fromFiles[i].Top.Select(c => c.Probability), (a, b) => Math.Abs(a - b) < 1e-6);
        }
        // The typed one-image call of the generated class says the same.
        var one = FashionBaseline.Predict(trained.Best, fromFiles[3].Image!, top: 2);
        Assert.Equal(fromFiles[3].Top.Take(2).Select(c => c.Class), one.Top.Select(c => c.Class));
    }

    [Fact]
    public void JsonIsAnArrayOfImagesWithTheirTopClasses()
    {
        var file = Path.Combine(trained.TestPngs, ClassFolders[9], "00000.png");

        var (exit, stdout, stderr) = Run("predict", "-e", "FashionBaseline", "--checkpoint", trained.Best, "--top", "3", "--tta", "--json", file, file);

        Assert.True(exit == 0, stderr);
        var array = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(JsonValueKind.Array, array.ValueKind);
        Assert.Equal(2, array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            Assert.Equal(["image", "class", "name", "probability", "top"], item.EnumerateObject().Select(p => p.Name));
            Assert.Equal(file, item.GetProperty("image").GetString());
            var top = item.GetProperty("top").EnumerateArray().ToList();
            Assert.Equal(3, top.Count);
            foreach (var c in top) Assert.Equal(["class", "name", "probability"], c.EnumerateObject().Select(p => p.Name));
            var probabilities = top.Select(c => c.GetProperty("probability").GetDouble()).ToList();
            Assert.Equal(probabilities.OrderByDescending(p => p), probabilities);
            Assert.True(probabilities.Sum() <= 1 + 1e-6);
            Assert.Equal(top[0].GetProperty("class").GetInt32(), item.GetProperty("class").GetInt32());
            Assert.Equal(IdxDataset.FashionMnist.ClassNames[item.GetProperty("class").GetInt32()], item.GetProperty("name").GetString());
        }
    }

    [Fact]
    public void TextShowsEachImageWithItsClassesAndTheDefaultIsTheNewestBestCheckpoint()
    {
        var file = Path.Combine(trained.TestPngs, ClassFolders[1], "00000.png");

        var (exit, stdout, stderr) = Run("predict", "-e", "FashionBaseline", "--out", trained.Runs, "--top", "2", file);
        var json = Run("predict", "-e", "FashionBaseline", "--checkpoint", trained.Best, "--top", "2", "--json", file);

        Assert.True(exit == 0, stderr);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal(file, lines[0]);
        var top = JsonDocument.Parse(json.Out).RootElement[0].GetProperty("top").EnumerateArray().ToList();
        for (int k = 0; k < 2; k++)
        {
            Assert.StartsWith("  " + top[k].GetProperty("name").GetString(), lines[k + 1]);
            Assert.EndsWith(top[k].GetProperty("probability").GetDouble().ToString("F4", System.Globalization.CultureInfo.InvariantCulture), lines[k + 1]);
        }
    }

    [Fact]
    public void ACheckpointOfAnotherExperimentIsRefusedInOneSentence()
    {
        var file = Path.Combine(trained.TestPngs, ClassFolders[0], "00000.png");
        // Its run folder's plan.json names the experiment.
        var named = Run("predict", "-e", "FashionFullRecipe", "--checkpoint", trained.Best, file);
        // Without a plan.json beside it, loading the weights into the other architecture fails.
        var alone = Path.Combine(trained.Root, "alone");
        Directory.CreateDirectory(alone);
        File.Copy(trained.Best, Path.Combine(alone, "best.bin"), overwrite: true);
        var unnamed = Run("predict", "-e", "FashionFullRecipe", "--checkpoint", Path.Combine(alone, "best.bin"), file);

        AssertOneSentence(named, "was trained by experiment FashionBaseline");
        AssertOneSentence(unnamed, "does not fit this experiment's model");
    }

    [Fact]
    public void AnUnreadableImageIsRefusedInOneSentence()
    {
        var bad = Path.Combine(trained.Root, "bad.png");
        File.WriteAllText(bad, "not a picture");

        AssertOneSentence(Run("predict", "-e", "FashionBaseline", "--checkpoint", trained.Best, bad), $"Image '{bad}' is not an image");
    }

    [Theory]
    [InlineData(new[] { "predict" }, "predict needs the images to classify")]
    [InlineData(new[] { "predict", "/nonexistent/shirt.png" }, "is neither an image file nor a folder")]
    [InlineData(new[] { "predict", "--checkpoint", "/nonexistent/best.bin", "PNG" }, "Checkpoint '/nonexistent/best.bin' does not exist")]
    [InlineData(new[] { "predict", "--out", "/nonexistent/runs", "PNG" }, "No best.bin found under '/nonexistent/runs/FashionBaseline'")]
    [InlineData(new[] { "predict", "--top", "0", "PNG" }, "--top must be at least 1.")]
    [InlineData(new[] { "train", "--tta" }, "Option --tta does not apply to train, only to predict")]
    public void BadInputGetsOneSentence(string[] args, string expected)
    {
        var png = Path.Combine(trained.TestPngs, ClassFolders[0], "00000.png");
        AssertOneSentence(Run([.. args.Select(a => a == "PNG" ? png : a)]), expected);
    }

    private static void AssertOneSentence((int Exit, string Out, string Err) result, string expected)
    {
        Assert.Equal(1, result.Exit);
        Assert.Contains(expected, result.Err);
        Assert.Single(result.Err.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", result.Err);
    }
}
