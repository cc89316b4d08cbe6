using System.Text.Json.Nodes;
using FashionMnistExample;
using TrainDsl.Cli;
using TrainDsl.Export;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>
/// <c>export-torch</c> as a user runs it: recipe.json holds the same config and plan as <c>plan --json</c>, the declared parts
/// and the data's files; the README has the torchrun line; what cannot be exported is refused in one sentence.
/// </summary>
public sealed class ExportTorchTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("traindsl-export-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = ExperimentCli.Run(args,
            [new FashionBaseline.Runner(), new FashionFullRecipe.Runner(), new UserModelExport.Runner(), new OwnDataRun.Runner(),
             new DistillStudent.Runner(), new FashionFromPngs.Runner()],
            stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private JsonObject Export(string experiment, params string[] more)
    {
        var folder = Path.Combine(output, experiment);
        var (exit, _, err) = Run(["export-torch", "-e", experiment, "--out", folder, .. more]);
        Assert.True(exit == 0, err);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "recipe.json")))!.AsObject();
    }

    private static JsonObject PlanJson(params string[] args)
    {
        var (exit, stdout, err) = Run(["plan", "--json", .. args]);
        Assert.True(exit == 0, err);
        return JsonNode.Parse(stdout)!.AsObject();
    }

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(v => v!.GetValue<string>())];

    private static void AssertOneSentence(int exit, string stderr, string expected)
    {
        Assert.Equal(1, exit);
        Assert.Contains(expected, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void FashionBaseline_exports_the_config_parts_and_files_of_plan_and_the_plan_json_of_a_run()
    {
        var recipe = Export("FashionBaseline", "--epochs", "2", "--set", "Momentum=0.8");
        var plan = PlanJson("-e", "FashionBaseline", "--epochs", "2", "--set", "Momentum=0.8");

        Assert.Equal(1, recipe["format"]!.GetValue<int>());
        Assert.Equal("FashionBaseline", recipe["experiment"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(plan["config"], recipe["config"]), recipe["config"]!.ToJsonString());
        Assert.Equal(0.8, recipe["config"]!["Momentum"]!.GetValue<double>());
        Assert.Equal(2, recipe["config"]!["Epochs"]!.GetValue<int>());
        var exported = recipe["plan"]!.AsObject();
        foreach (var key in new[] { "epochLearningRates", "stepsPerEpoch", "trainSize", "validationSize", "metrics", "primaryMetric", "learningRate" })
            Assert.True(JsonNode.DeepEquals(plan[key], exported[key]), key);
        // The loaded data's normalisation and shape, as a run's plan.json has them.
        Assert.Equal([1, 28, 28], exported["imageShape"]!.AsArray().Select(v => v!.GetValue<int>()));
        Assert.Single(exported["normalizeMean"]!.AsArray());

        var parts = recipe["parts"]!;
        Assert.Equal("FashionMnist", parts["data"]!.GetValue<string>());
        Assert.Equal("SmallCnn", parts["model"]!.GetValue<string>());
        Assert.Equal("Cosine", parts["schedule"]!.GetValue<string>());
        Assert.Equal("PerStep", parts["scheduleInterval"]!.GetValue<string>());
        Assert.False(parts["distill"]!.GetValue<bool>());
        Assert.Null(parts["teacher"]);

        var data = recipe["data"]!;
        Assert.Equal("idx", data["kind"]!.GetValue<string>());
        foreach (var file in new[] { "trainImages", "trainLabels", "testImages", "testLabels" })
            Assert.True(File.Exists(data[file]!.GetValue<string>()), file);
        Assert.Equal(10, data["classNames"]!.AsArray().Count);
        Assert.Equal(128, recipe["batch"]!["global"]!.GetValue<int>());
        Assert.Contains("global batch 128 / 256", recipe["learningRateSource"]!.GetValue<string>());

        // The plan is the plan.json a run of the same config writes.
        var runs = Path.Combine(output, "runs");
        var train = Run("train", "-e", "FashionBaseline", "--epochs", "2", "--set", "Momentum=0.8", "--max-steps", "1", "--out", runs, "--quiet");
        Assert.True(train.Exit == 0, train.Err);
        var planJson = Assert.Single(Directory.GetFiles(Path.Combine(runs, "FashionBaseline"), "plan.json", SearchOption.AllDirectories));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(planJson)), exported), exported.ToJsonString());

        var folder = Path.Combine(output, "FashionBaseline");
        Assert.Contains("torchrun --nproc_per_node=2 train.py --out runs", File.ReadAllText(Path.Combine(folder, "README.md")));
        foreach (var file in PythonProject.Files) Assert.True(File.Exists(Path.Combine(folder, file)), file);
    }

    [Fact]
    public void FashionFullRecipe_lists_its_parts()
    {
        var recipe = Export("FashionFullRecipe");
        var parts = recipe["parts"]!;

        Assert.Equal("FashionMnist", parts["data"]!.GetValue<string>());
        Assert.Equal("ResNet20", parts["model"]!.GetValue<string>());
        Assert.Equal(["RandomCrop", "HorizontalFlip"], Strings(parts["augment"]));
        Assert.Equal(["MixUp", "CutMix"], Strings(parts["mixing"]));
        Assert.Equal("CrossEntropy", parts["loss"]!.GetValue<string>());
        Assert.Equal("Sgd", parts["optimizer"]!.GetValue<string>());
        Assert.Equal("Cosine", parts["schedule"]!.GetValue<string>());
        Assert.Equal("PerStep", parts["scheduleInterval"]!.GetValue<string>());
        Assert.Equal(["Accuracy", "MacroF1"], Strings(parts["metrics"]));
        Assert.Equal(["NoBiasDecay", "ZeroGamma"], Strings(parts["tricks"]));
        Assert.True(JsonNode.DeepEquals(PlanJson("-e", "FashionFullRecipe")["config"], recipe["config"]));
        Assert.Equal(0.1, recipe["config"]!["LabelSmoothing"]!.GetValue<double>());
    }

    [Fact]
    public void A_user_model_is_refused_unless_a_python_module_stands_in()
    {
        var folder = Path.Combine(output, "UserModelExport");
        var (exit, _, err) = Run("export-torch", "-e", "UserModelExport", "--out", folder);
        AssertOneSentence(exit, err, "UserModelExport's model TrainDsl.EndToEnd.Tests.PixelLinear is a user-defined TorchSharp module");
        Assert.False(Directory.Exists(folder));

        var module = Path.Combine(output, "pixel_linear.py");
        File.WriteAllText(module, "import torch\n\nclass PixelLinear(torch.nn.Module):\n    pass\n");
        var recipe = Export("UserModelExport", "--python-model", module + ":PixelLinear");

        Assert.Equal("Python:pixel_linear.py:PixelLinear", recipe["parts"]!["model"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(folder, "pixel_linear.py")));
    }

    [Fact]
    public void A_python_model_for_a_built_in_model_is_refused()
    {
        var module = Path.Combine(output, "net.py");
        File.WriteAllText(module, "");
        var (exit, _, err) = Run("export-torch", "-e", "FashionBaseline", "--out", Path.Combine(output, "x"), "--python-model", module + ":Net");
        AssertOneSentence(exit, err, "FashionBaseline's model is the built-in SmallCnn");
    }

    [Fact]
    public void A_users_data_source_is_refused()
    {
        var (exit, _, err) = Run("export-torch", "-e", "OwnDataRun", "--out", Path.Combine(output, "own"));
        AssertOneSentence(exit, err, "OwnDataRun reads its data through its own IDataSource");
    }

    [Fact]
    public void A_filled_folder_needs_force()
    {
        Export("FashionBaseline");
        var folder = Path.Combine(output, "FashionBaseline");
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "mine");

        var (exit, _, err) = Run("export-torch", "-e", "FashionBaseline", "--out", folder, "--epochs", "3");
        AssertOneSentence(exit, err, "is not empty; pass --force");

        var recipe = Export("FashionBaseline", "--epochs", "3", "--force");
        Assert.Equal(3, recipe["config"]!["Epochs"]!.GetValue<int>());
        Assert.True(File.Exists(Path.Combine(folder, "notes.txt"))); // files of other names are left alone
    }

    [Fact]
    public void An_out_that_is_a_file_is_refused_and_left_as_it_was()
    {
        var file = Path.Combine(output, "project");
        File.WriteAllText(file, "mine");

        var (exit, _, err) = Run("export-torch", "-e", "FashionBaseline", "--out", file, "--force");
        AssertOneSentence(exit, err, "is a file; pass a folder for the PyTorch project");
        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Fact]
    public void The_global_batch_must_divide_among_the_processes()
    {
        var (exit, _, err) = Run("export-torch", "-e", "FashionBaseline", "--out", Path.Combine(output, "three"), "--nproc-per-node", "3");
        AssertOneSentence(exit, err, "The global batch 128 does not divide among 3 processes");

        var recipe = Export("FashionBaseline", "--nproc-per-node", "4");
        Assert.Contains("32 per process × 4 processes", recipe["learningRateSource"]!.GetValue<string>());
        Assert.Contains("torchrun --nproc_per_node=4 train.py --out runs",
            File.ReadAllText(Path.Combine(output, "FashionBaseline", "README.md")));
    }

    [Fact]
    public void A_teacher_checkpoint_is_the_safetensors_beside_its_bin()
    {
        var run = Directory.CreateDirectory(Path.Combine(output, "teacher-run")).FullName;
        var bin = Path.Combine(run, "model.bin");
        File.WriteAllBytes(bin, [0]);

        var (exit, _, err) = Run("export-torch", "-e", "DistillStudent", "--out", Path.Combine(output, "student"), "--set", "TeacherCheckpoint=" + bin);
        AssertOneSentence(exit, err, "is a TorchSharp .bin, which PyTorch cannot load");

        var safetensors = Path.Combine(run, "model.safetensors");
        File.WriteAllBytes(safetensors, [0]);
        var recipe = Export("DistillStudent", "--set", "TeacherCheckpoint=" + bin);

        Assert.True(recipe["parts"]!["distill"]!.GetValue<bool>());
        Assert.Equal("SmallCnn", recipe["parts"]!["teacher"]!["model"]!.GetValue<string>());
        Assert.Equal(safetensors, recipe["parts"]!["teacher"]!["checkpoint"]!.GetValue<string>());
    }

    [Fact]
    public void An_image_folder_exports_its_tree_size_channels_and_decoded_cache()
    {
        var images = Path.Combine(output, "images");
        var export = Run("export-images", "-e", "FashionBaseline", "--train-limit", "200", "--test-limit", "100", "--out", images);
        Assert.True(export.Exit == 0, export.Err);
        var dataRoot = Directory.CreateDirectory(Path.Combine(output, "data-root")).FullName;

        var recipe = Export("FashionFromPngs", "--set", "ImageFolder=" + images, "--data", dataRoot);

        var data = recipe["data"]!;
        Assert.Equal("ImageFolder", recipe["parts"]!["data"]!.GetValue<string>());
        Assert.Equal("imageFolder", data["kind"]!.GetValue<string>());
        Assert.Equal(images, data["root"]!.GetValue<string>());
        Assert.Equal(28, data["imageSize"]!.GetValue<int>());
        Assert.Equal(1, data["channels"]!.GetValue<int>());
        Assert.True(File.Exists(data["cache"]!.GetValue<string>())); // exporting loads the data, which decodes the tree once
        Assert.Equal(10, data["classNames"]!.AsArray().Count);
    }
}
