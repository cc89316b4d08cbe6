using FashionMnistExample;
using TrainDsl.Cli;
using TrainDsl.Runs;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>The generated command line as a user drives it: commands, overrides and bad input.</summary>
public class CommandLineTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("traindsl-cli-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = ExperimentCli.Run(args, [new FashionBaseline.Runner()], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void TrainThenEvalTheNewestCheckpoint()
    {
        var train = Run("train", "--train-limit", "1280", "--test-limit", "500", "--epochs", "1", "--out", output, "--quiet");
        Assert.True(train.Exit == 0, train.Err);

        var eval = Run("eval", "--test-limit", "500", "--out", output);

        Assert.True(eval.Exit == 0, eval.Err);
        Assert.Contains("accuracy", eval.Out);
    }

    [Fact]
    public void PlanTextListsEveryEpoch()
    {
        var (exit, stdout, _) = Run("plan", "--epochs", "3");

        Assert.Equal(0, exit);
        Assert.Contains("FashionBaseline", stdout);
        Assert.Contains("    3  ", stdout);
        Assert.DoesNotContain("    4  ", stdout);
    }

    [Theory]
    [InlineData(new[] { "train", "--epochs", "0" }, "Epochs must be 1 to 10,000 epochs, got 0")]
    [InlineData(new[] { "train", "--epochs", "many" }, "takes a whole number")]
    [InlineData(new[] { "plan", "--set", "Momentum=1.5" }, "Momentum must be in [0, 1)")]
    [InlineData(new[] { "plan", "--set", "Colour=red" }, "has no setting 'Colour'")]
    [InlineData(new[] { "fly" }, "Unknown command 'fly'")]
    [InlineData(new[] { "train", "--bogus" }, "Unknown option '--bogus'")]
    [InlineData(new[] { "eval", "--checkpoint", "/nonexistent/model.bin" }, "does not exist")]
    [InlineData(new[] { "plan", "--checkpoint", "x" }, "Option --checkpoint does not apply to plan, only to eval and predict")]
    [InlineData(new[] { "train", "--json" }, "Option --json does not apply to train, only to eval, predict and plan")]
    [InlineData(new[] { "eval", "--resume", "runs/FashionBaseline/1" }, "Option --resume does not apply to eval, only to train")]
    [InlineData(new[] { "ablate", "--seeds", "2" }, "FashionBaseline declares none of the tricks ablate switches off")]
    [InlineData(new[] { "ablate", "--seeds", "0" }, "--seeds must be at least 1.")]
    [InlineData(new[] { "sweep" }, "A sweep needs at least one axis; give --set NAME=v1,v2")]
    [InlineData(new[] { "train", "--seeds", "2" }, "Option --seeds does not apply to train, only to ablate and sweep")]
    public void BadInputGetsOneSentence(string[] args, string expected)
    {
        var (exit, stdout, stderr) = Run(args);

        Assert.Equal(1, exit);
        Assert.Contains(expected, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", stderr); // no stack trace
    }

    [Fact]
    public void NoCommandTrains()
    {
        var (exit, _, err) = Run("--max-steps", "2", "--train-limit", "1280", "--test-limit", "500", "--out", output, "--quiet");

        Assert.True(exit == 0, err);
        var summary = Assert.Single(Directory.GetFiles(Path.Combine(output, "FashionBaseline"), "summary.json", SearchOption.AllDirectories));
        Assert.Contains("\"status\": \"max-steps\"", File.ReadAllText(summary));
    }

    [Fact]
    public void SetIsRepeatable()
    {
        var (exit, stdout, err) = Run("plan", "--json", "--set", "Momentum=0.8", "--set", "Nesterov=false");

        Assert.True(exit == 0, err);
        var config = System.Text.Json.JsonDocument.Parse(stdout).RootElement.GetProperty("config");
        Assert.Equal(0.8, config.GetProperty("Momentum").GetDouble());
        Assert.False(config.GetProperty("Nesterov").GetBoolean());
    }

    [Fact]
    public void TrainHelpListsTrainsOptionsButNotEvals()
    {
        var (exit, stdout, _) = Run("train", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("--resume <RUN_FOLDER>", stdout);
        Assert.Contains("--max-steps <N>", stdout);
        Assert.DoesNotContain("--checkpoint", stdout);
        Assert.Empty(Directory.GetFileSystemEntries(output)); // help trains nothing
    }

    [Fact]
    public void SetOverridesAnyConfigProperty()
    {
        var plan = new FashionBaseline.Runner().Plan(new ConfigOverrides
        {
            Values = new Dictionary<string, string> { ["Momentum"] = "0.8", ["Nesterov"] = "false" },
        });

        Assert.Equal(0.8, (double)plan.Config["Momentum"]!);
        Assert.Equal(false, plan.Config["Nesterov"]);
    }
}
