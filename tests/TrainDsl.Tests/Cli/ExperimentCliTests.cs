using TrainDsl.Cli;
using TrainDsl.Runs;

namespace TrainDsl.Tests.Cli;

/// <summary>
/// The command line's parsing, per-command options, help and completion, on experiments that record what they
/// were asked (no training). The end-to-end tests drive the same command line on the real FashionMnist example.
/// </summary>
public class ExperimentCliTests
{
    private readonly RecordingExperiment alpha = new("Alpha");
    private readonly RecordingExperiment beta = new("Beta");

    private (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = ExperimentCli.Run(args, [beta, alpha], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void NoCommandTrainsTheFirstExperimentByName()
    {
        var (exit, _, err) = Run();

        Assert.True(exit == 0, err);
        Assert.Equal("train", alpha.Called);
        Assert.Null(beta.Called);
    }

    [Fact]
    public void OptionsWithoutACommandAreTrainsOptions()
    {
        var (exit, _, err) = Run("-e", "Beta", "--epochs", "3", "--max-steps", "7", "--quiet", "--out", "elsewhere");

        Assert.True(exit == 0, err);
        Assert.Equal("train", beta.Called);
        Assert.Equal(3, beta.Overrides!.Epochs);
        Assert.Equal(7, beta.Settings!.MaxSteps);
        Assert.Equal("elsewhere", beta.Settings.OutputRoot);
        Assert.Null(beta.Settings.Log); // --quiet
    }

    [Fact]
    public void TrainPassesEveryOptionToTheExperiment()
    {
        var data = AppContext.BaseDirectory; // --data must be an existing folder
        var (exit, _, err) = Run("train", "--experiment", "beta", "--epochs", "4", "--batch-size", "64", "--lr", "0.025",
            "--seed", "9", "--train-limit", "1280", "--test-limit", "500", "--set", "Momentum=0.8", "--max-steps", "12",
            "--out", "r", "--threads", "1", "--data", data, "--max-nonfinite-steps", "4");

        Assert.True(exit == 0, err);
        Assert.Equal("train", beta.Called); // names match case-insensitively
        var o = beta.Overrides!;
        Assert.Equal((4, 64, 0.025, 9, 1280, 500), (o.Epochs, o.BatchSize, o.LearningRate, o.Seed, o.TrainLimit, o.TestLimit));
        Assert.Equal("0.8", o.Values["Momentum"]);
        var s = beta.Settings!;
        Assert.Equal((12L, "r", 1, data, (string?)null, 4), (s.MaxSteps, s.OutputRoot, s.Threads, s.DataRoot, s.Resume, s.MaxNonFiniteSteps));
    }

    [Theory]
    [InlineData("train")]
    [InlineData("plan")]
    [InlineData("eval")]
    public void AMistypedDataFolderIsRefusedNotCreated(string command)
    {
        var missing = Path.Combine(Path.GetTempPath(), $"traindsl-no-such-{Guid.NewGuid():N}", "data");

        var (exit, _, err) = Run(command, "--data", missing);

        Assert.Equal(1, exit);
        Assert.Equal($"error: --data folder '{missing}' does not exist; check the path, or create the folder (mkdir -p) to have datasets downloaded into it.", err.Trim());
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)));
        Assert.Null(alpha.Called);
    }

    [Fact]
    public void AFileAsDataFolderIsRefused()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (exit, _, err) = Run("train", "--data", file);

            Assert.Equal(1, exit);
            Assert.Equal($"error: --data '{file}' is a file; pass the folder that holds the datasets.", err.Trim());
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void MaxNonFiniteStepsMustBeAtLeastOne()
    {
        var (exit, _, err) = Run("train", "--max-nonfinite-steps", "0");

        Assert.Equal(1, exit);
        Assert.Equal("error: --max-nonfinite-steps must be at least 1.", err.Trim());
    }

    [Fact]
    public void SetIsRepeatableAndALaterValueWins()
    {
        var (exit, _, err) = Run("plan", "--set", "Momentum=0.8", "--set", "Nesterov=false", "--set", "Momentum=0.7");

        Assert.True(exit == 0, err);
        Assert.Equal(new Dictionary<string, string> { ["Momentum"] = "0.7", ["Nesterov"] = "false" }, alpha.Overrides!.Values);
    }

    [Fact]
    public void ARepeatedOptionKeepsItsLastValue()
    {
        var (exit, _, err) = Run("plan", "--epochs", "2", "--epochs", "5");

        Assert.True(exit == 0, err);
        Assert.Equal(5, alpha.Overrides!.Epochs);
    }

    [Fact]
    public void EvalTakesTheCheckpointAndPrintsJson()
    {
        var (exit, stdout, err) = Run("eval", "--checkpoint", "w/model.bin", "--json");

        Assert.True(exit == 0, err);
        Assert.Equal("w/model.bin", alpha.Checkpoint);
        Assert.Equal(0.5, System.Text.Json.JsonDocument.Parse(stdout).RootElement.GetProperty("accuracy").GetDouble());
    }

    [Fact]
    public void ListPrintsTheExperimentsByName()
    {
        var (exit, stdout, _) = Run("list");

        Assert.Equal(0, exit);
        Assert.Equal(["Alpha", "Beta"], stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void AnInterruptedRunExitsWith130()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = ExperimentCli.Run(["train"], [new RecordingExperiment("Alpha", trainStatus: "interrupted")], stdout, stderr);

        Assert.Equal(130, exit);
    }

    [Theory]
    [InlineData(new[] { "plan", "--checkpoint", "x" }, "Option --checkpoint does not apply to plan, only to eval and predict")]
    [InlineData(new[] { "plan", "--resume", "runs/A/1" }, "Option --resume does not apply to plan, only to train")]
    [InlineData(new[] { "plan", "--out", "r" }, "Option --out does not apply to plan, only to train, eval, predict, export-images, export-torch, compare, ablate and sweep")]
    [InlineData(new[] { "train", "--checkpoint", "x" }, "Option --checkpoint does not apply to train, only to eval and predict")]
    [InlineData(new[] { "train", "--json" }, "Option --json does not apply to train, only to eval, predict and plan")]
    [InlineData(new[] { "eval", "--quiet" }, "Option --quiet does not apply to eval, only to train")]
    [InlineData(new[] { "eval", "--max-steps", "3" }, "Option --max-steps does not apply to eval, only to train")]
    [InlineData(new[] { "eval", "--resume", "runs/A/1" }, "Option --resume does not apply to eval, only to train")]
    [InlineData(new[] { "list", "-e", "Alpha" }, "Option -e does not apply to list, only to train, eval, predict, plan, export-images, export-torch, ablate and sweep")]
    [InlineData(new[] { "--checkpoint", "x" }, "Option --checkpoint does not apply to train, only to eval and predict")]
    [InlineData(new[] { "plan", "--checkpoint=x" }, "Option --checkpoint does not apply to plan, only to eval and predict")]
    public void AnOptionOfAnotherCommandIsRejected(string[] args, string expected)
    {
        var (exit, stdout, stderr) = Run(args);

        AssertOneSentence(exit, stderr, expected);
        Assert.Empty(stdout);
        Assert.Null(alpha.Called);
    }

    [Theory]
    [InlineData(new[] { "fly" }, "Unknown command 'fly'; use train, eval, predict, plan, list, export-images, export-torch, compare, ablate or sweep")]
    [InlineData(new[] { "plan", "--bogus" }, "Unknown option '--bogus' for plan")]
    [InlineData(new[] { "--bogus" }, "Unknown option '--bogus' for train")]
    [InlineData(new[] { "train", "--epochs" }, "Option --epochs needs a value")]
    [InlineData(new[] { "train", "--epochs", "--quiet" }, "Option --epochs needs a value")]
    [InlineData(new[] { "plan", "-e" }, "Option -e needs a value")]
    [InlineData(new[] { "train", "--epochs", "many" }, "Option --epochs takes a whole number, got 'many'")]
    [InlineData(new[] { "train", "--epochs", "x", "--epochs", "3" }, "Option --epochs takes a whole number, got 'x'")]
    [InlineData(new[] { "train", "--lr", "fast" }, "Option --lr takes a number such as 0.05, got 'fast'")]
    [InlineData(new[] { "train", "--threads", "x" }, "Option --threads takes a whole number, got 'x'")]
    [InlineData(new[] { "train", "--threads", "-1" }, "--threads must be 0 (libtorch's default) or more")]
    [InlineData(new[] { "train", "--max-steps", "-1" }, "--max-steps must be 0 (no limit) or more")]
    [InlineData(new[] { "plan", "--set", "Momentum" }, "--set takes NAME=VALUE, got 'Momentum'")]
    [InlineData(new[] { "plan", "--set", "A=1", "B=2" }, "Unexpected argument 'B=2' for plan")]
    [InlineData(new[] { "--epochs", "3", "plan" }, "Option --epochs comes before the command")]
    [InlineData(new[] { "plan", "-e", "Gamma" }, "No experiment named 'Gamma'; this program has Alpha, Beta")]
    public void BadInputGetsOneSentenceAndExit1(string[] args, string expected)
    {
        var (exit, _, stderr) = Run(args);

        AssertOneSentence(exit, stderr, expected);
        Assert.Null(alpha.Called);
        Assert.Null(beta.Called);
    }

    [Fact]
    public void TrainHelpListsTrainsOptionsOnly()
    {
        var (exit, stdout, _) = Run("train", "--help");

        Assert.Equal(0, exit);
        foreach (var option in new[]
                 {
                     "-e, --experiment <NAME>", "--epochs <N>", "--batch-size <N>", "--lr <X>", "--seed <N>", "--train-limit <N>",
                     "--test-limit <N>", "--set <NAME=VALUE>", "--max-steps <N>", "--resume <RUN_FOLDER>", "--out <DIR>",
                     "--threads <N>", "--data <DIR>", "--quiet", "--max-nonfinite-steps <N>", "--help",
                 })
            Assert.Contains(option, stdout);
        Assert.DoesNotContain("--checkpoint", stdout);
        Assert.DoesNotContain("--json", stdout);
        Assert.Null(alpha.Called);
    }

    [Fact]
    public void EachCommandsHelpListsItsOwnOptions()
    {
        var eval = Run("eval", "--help").Out;
        Assert.Contains("--checkpoint <FILE>", eval);
        Assert.Contains("--json", eval);
        Assert.Contains("--out <DIR>", eval);
        foreach (var other in new[] { "--resume", "--max-steps", "--quiet" }) Assert.DoesNotContain(other, eval);

        var plan = Run("plan", "--help").Out;
        Assert.Contains("--set <NAME=VALUE>", plan);
        Assert.Contains("--json", plan);
        foreach (var other in new[] { "--out", "--threads", "--checkpoint", "--resume", "--quiet" }) Assert.DoesNotContain(other, plan);

        var predict = Run("predict", "--help").Out;
        foreach (var own in new[] { "<IMAGE_OR_FOLDER>", "--checkpoint <FILE>", "--top <K>", "--json", "--tta", "--out <DIR>" }) Assert.Contains(own, predict);
        foreach (var other in new[] { "--set", "--epochs", "--resume", "--quiet" }) Assert.DoesNotContain(other, predict);

        var list = Run("list", "--help").Out;
        Assert.DoesNotContain("--experiment", list);
    }

    [Fact]
    public void HelpWithoutACommandListsTheCommands()
    {
        foreach (var args in new[] { new[] { "--help" }, ["-h"], ["help"] })
        {
            var (exit, stdout, _) = Run(args);

            Assert.Equal(0, exit);
            foreach (var command in new[] { "train", "eval", "predict", "plan", "list" })
                Assert.Matches($@"(?m)^\s+{command}\s+\S", stdout);
            Assert.Contains("With no command it trains", stdout);
        }
        Assert.Null(alpha.Called);
    }

    // The line is the whole command line, program name first, as dotnet-suggest passes it; the cursor is at its end.
    [Theory]
    [InlineData("app train -e ", new[] { "Alpha", "Beta" })]
    [InlineData("app eval --experiment B", new[] { "Beta" })]
    [InlineData("app -e Al", new[] { "Alpha" })] // no command: train's options
    [InlineData("app plan --set Mo", new[] { "Momentum=" })]
    [InlineData("app plan -e Beta --set Nes", new[] { "Nesterov=" })]
    [InlineData("app ev", new[] { "eval" })]
    [InlineData("app eval --ch", new[] { "--checkpoint" })]
    [InlineData("app plan --ch", new string[0])]
    public void SuggestDirectiveCompletes(string line, string[] expected)
    {
        var (exit, stdout, _) = Run($"[suggest:{line.Length}]", line);

        Assert.Equal(0, exit);
        Assert.Equal(expected, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Null(alpha.Settings ?? beta.Settings); // completing trains and evaluates nothing
    }

    private static void AssertOneSentence(int exit, string stderr, string expected)
    {
        Assert.Equal(1, exit);
        Assert.Contains(expected, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("error: ", stderr);
        Assert.EndsWith(".", stderr.Trim());
        Assert.DoesNotContain("   at ", stderr);
    }
}
