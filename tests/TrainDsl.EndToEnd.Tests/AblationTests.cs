using TrainDsl.Cli;
using TrainDsl.Models;
using TrainDsl.Runs;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>ablate end to end on real data: its table and picture, reusing finished runs, and a switch that really switches.</summary>
[Collection(TrainingCollection.Name)]
public class AblationTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("traindsl-ablate-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = ExperimentCli.Run(args, [new AblationSmoke.Runner()], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private Dictionary<string, DateTime> Summaries() =>
        Directory.GetFiles(output, RunFolder.SummaryFile, SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);

    [Fact]
    public void AblateWritesTheTableAndReusesFinishedRuns()
    {
        var first = Run("ablate", "-e", "AblationSmoke", "--seeds", "1", "--out", output, "--quiet", "--threads", "2");
        Assert.True(first.Exit == 0, first.Err + first.Out);

        // The declared recipe and one variant per trick, each a run folder <variant>/seed-<Seed>.
        var runs = Summaries();
        Assert.Equal(
            ["declared-recipe/seed-21", "no-flip/seed-21", "no-label-smoothing/seed-21"],
            runs.Keys.Select(f => Path.GetRelativePath(output, Path.GetDirectoryName(f)!).Replace('\\', '/')).Order());
        foreach (var file in new[] { "ablation.md", "ablation.csv", "ablation.png" })
            Assert.True(new FileInfo(Path.Combine(output, file)).Length > 0, file);
        var markdown = File.ReadAllText(Path.Combine(output, "ablation.md"));
        Assert.Contains("| no flip | ", markdown);
        Assert.Contains("| no label smoothing | ", markdown);
        Assert.Contains("Flip=false", markdown);
        Assert.Contains("Ablation of AblationSmoke", first.Out); // the table is printed

        // The variant's run really trained without the trick: its plan says so.
        var plan = File.ReadAllText(Path.Combine(output, "no-flip", "seed-21", RunFolder.PlanFile));
        Assert.Contains("horizontal flip (probability 0.5) (switched off)", plan);

        // Again with the same --out: every run is finished, so none is trained again.
        var second = Run("ablate", "-e", "AblationSmoke", "--seeds", "1", "--out", output, "--quiet", "--threads", "2");
        Assert.True(second.Exit == 0, second.Err + second.Out);
        Assert.Equal(runs, Summaries());
        Assert.Equal(3, second.Out.Split("reusing the finished run").Length - 1);

        // A run killed before it finished (no summary.json) is trained again; the others are still reused.
        var killed = Path.Combine(output, "no-flip", "seed-21");
        File.Delete(Path.Combine(killed, RunFolder.SummaryFile));
        var third = Run("ablate", "-e", "AblationSmoke", "--seeds", "1", "--out", output, "--quiet", "--threads", "2");
        Assert.True(third.Exit == 0, third.Err + third.Out);
        var after = Summaries();
        Assert.Equal(3, after.Count);
        Assert.All(runs.Where(r => !r.Key.StartsWith(killed, StringComparison.Ordinal)), r => Assert.Equal(r.Value, after[r.Key]));
        Assert.True(File.Exists(Path.Combine(killed, RunFolder.SummaryFile)));
    }

    [Fact]
    public void AblateContinuesARunThatStoppedWithEpochsLeft()
    {
        // The declared recipe's run stopped after the first of its two epochs (5 steps of 64 of 320 images), as a kill
        // after that epoch's resume point would leave it: ablate continues it instead of starting again.
        var folder = Path.Combine(output, "declared-recipe", "seed-21");
        var stopped = AblationSmoke.Train(new AblationSmoke.Config { Epochs = 2 },
            new RunSettings { RunFolder = folder, MaxSteps = 5, Log = null, Threads = 2 });
        Assert.Equal(1, stopped.Run.EpochsCompleted);

        var run = Run("ablate", "-e", "AblationSmoke", "--seeds", "1", "--epochs", "2", "--out", output, "--quiet", "--threads", "2");

        Assert.True(run.Exit == 0, run.Err + run.Out);
        Assert.Contains("declared recipe, seed 21: resuming", run.Out);
        Assert.Equal(2, new MetricsCsv(folder).Epochs);
        Assert.Contains("\"status\": \"completed\"", File.ReadAllText(Path.Combine(folder, RunFolder.SummaryFile)));
    }

    [Fact]
    public void ZeroGammaOffLeavesTheResidualNormsAtOne()
    {
        // One step at a negligible rate: γ stays where initialisation put it (0 with zero-γ, PyTorch's 1 without).
        double[] GammasAfterOneStep(bool zeroGamma)
        {
            var config = new FullRecipeRun.Config { ZeroGamma = zeroGamma, LearningRate = 1e-12, TestLimit = 100 };
            var result = FullRecipeRun.Train(config, new RunSettings { OutputRoot = output, Log = null, Threads = 2, MaxSteps = 1 });
            using var model = FullRecipeRun.CreateModel(1, 10);
            Checkpoint.Load(model, result.Run.Checkpoint!);
            return [.. ((IResidualNorms)model).ResidualBranchNorms.SelectMany(n => n.weight!.data<float>().ToArray()).Select(v => (double)v)];
        }

        Assert.All(GammasAfterOneStep(zeroGamma: false), g => Assert.Equal(1.0, g, 6));
        Assert.All(GammasAfterOneStep(zeroGamma: true), g => Assert.Equal(0.0, g, 6));
    }
}
