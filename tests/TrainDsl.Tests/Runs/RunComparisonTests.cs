using System.Globalization;
using System.Text.Json;
using TrainDsl.Cli;
using TrainDsl.Runs;
using TrainDsl.Tests.Cli;
using TrainDsl.Tests.Plots;

namespace TrainDsl.Tests.Runs;

/// <summary>
/// <c>compare</c>: its numbers are the ones in each run's metrics.csv and summary.json (read here with plain CSV and
/// JSON parsing), it lists exactly the settings that differ, and it draws compare.png where --out says.
/// </summary>
public sealed class RunComparisonTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("traindsl-compare-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static Dictionary<string, object?> Config(double momentum, bool nesterov) => new()
    {
        ["Epochs"] = 3, ["LearningRate"] = 0.05, ["Momentum"] = momentum, ["Nesterov"] = nesterov,
        ["Milestones"] = new[] { 1, 2 }, ["TeacherCheckpoint"] = null,
    };

    [Fact]
    public void TheTableHoldsEachRunsMetricsAndSummaryAndExactlyTheSettingsThatDiffer()
    {
        var a = SyntheticRun.Write(root, "Alpha", epochs: 3, config: Config(0.9, true));
        var b = SyntheticRun.Write(root, "Beta", epochs: 3, offset: 0.5, config: Config(0.8, false));

        var comparison = RunComparison.Of([a.Folder, b.Folder], root);

        Assert.Equal(["Momentum", "Nesterov"], comparison.DifferingSettings);
        foreach (var (run, shown) in new[] { a, b }.Zip(comparison.Runs))
        {
            var lines = File.ReadAllLines(Path.Combine(run.Folder, "metrics.csv"));
            int column = Array.IndexOf(lines[0].Split(','), "accuracy");
            var accuracy = lines.Skip(1).Select(l => double.Parse(l.Split(',')[column], CultureInfo.InvariantCulture)).ToList();
            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Folder, "summary.json")));
            Assert.Equal("accuracy", shown.PrimaryMetric);
            Assert.Equal(accuracy[^1], shown.Final);
            Assert.Equal((accuracy.Max(), accuracy.IndexOf(accuracy.Max()) + 1), shown.Best);
            Assert.Equal(summary.RootElement.GetProperty("bestMetric").GetDouble(), shown.Best.Value);
            Assert.Equal(3, shown.Epochs);
            Assert.Equal(summary.RootElement.GetProperty("seconds").GetDouble(), shown.Seconds);
            Assert.Equal(summary.RootElement.GetProperty("imagesPerSecond").GetDouble(), shown.ImagesPerSecond);
        }

        var text = comparison.ToText();
        var rowB = text.Split('\n').Single(l => l.StartsWith("Beta/", StringComparison.Ordinal));
        var c = CultureInfo.InvariantCulture;
        Assert.Contains(comparison.Runs[1].Final.ToString("F4", c), rowB);
        Assert.Contains(string.Create(c, $"{comparison.Runs[1].Best.Value:F4} ({comparison.Runs[1].Best.Epoch})"), rowB);
        var momentum = text.Split('\n').Single(l => l.StartsWith("Momentum", StringComparison.Ordinal));
        Assert.Equal(["Momentum", "0.9", "0.8"], momentum.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void RunsWithTheSameSettingsHaveNoneThatDiffer()
    {
        var a = SyntheticRun.Write(root, "Alpha", epochs: 2);
        var b = SyntheticRun.Write(root, "Alpha", epochs: 2, offset: 0.1);

        var comparison = RunComparison.Of([a.Folder, b.Folder], root);

        Assert.Empty(comparison.DifferingSettings);
        Assert.Contains("Every setting is the same", comparison.ToText());
    }

    [Fact]
    public void CompareNamesAnExperimentsNewestRunAndDrawsComparePng()
    {
        SyntheticRun.Write(root, "Alpha", epochs: 2);
        var newest = SyntheticRun.Write(root, "Alpha", epochs: 2, offset: 0.2);
        var beta = SyntheticRun.Write(root, "Beta", epochs: 3);
        var output = Path.Combine(root, "pictures");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int exit = ExperimentCli.Run(["compare", "Alpha", beta.Folder, "--runs", root, "--out", output], [new RecordingExperiment("Alpha")], stdout, stderr);

        Assert.True(exit == 0, stderr.ToString());
        var label = "Alpha/" + Path.GetFileName(newest.Folder);
        Assert.Contains(stdout.ToString().Split('\n'), l => l.StartsWith(label + " ", StringComparison.Ordinal));
        Assert.Equal((1000, 600), PngFile.Size(Path.Combine(output, "compare.png")));
        Assert.Contains(Path.Combine(output, "compare.png"), stdout.ToString());
    }

    [Fact]
    public void ANameThatIsNeitherARunNorAnExperimentIsOneSentence()
    {
        var error = Assert.Throws<TrainDslException>(() => RunComparison.Of(["Nothing"], root));
        Assert.StartsWith("'Nothing' is neither a run folder", error.Message);
    }
}
