using System.Text.Json.Nodes;
using FashionMnistExample;
using TrainDsl.Cli;
using TrainDsl.Runs;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>
/// A damaged run folder is refused with one sentence that names what is wrong, before libtorch reads it (libtorch
/// aborts the process on some bad inputs, with a C++ stack trace).
/// </summary>
[Collection(TrainingCollection.Name)]
public class RunFileIntegrityTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("traindsl-integrity-").FullName;

    public void Dispose()
    {
        // The tests that make folders read-only run on Linux; give them back their write bit so they can be deleted.
        if (!OperatingSystem.IsWindows())
        {
            foreach (var dir in Directory.GetDirectories(output, "*", SearchOption.AllDirectories))
                File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        Directory.Delete(output, recursive: true);
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = ExperimentCli.Run(args, [new FashionBaseline.Runner()], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    // One finished epoch: a run folder with a resume point and model.bin.
    private string TrainOneEpoch()
    {
        var (exit, _, err) = Run("train", "--train-limit", "1280", "--test-limit", "200", "--epochs", "1", "--threads", "2", "--out", output, "--quiet");
        Assert.True(exit == 0, err);
        return Path.GetDirectoryName(Assert.Single(Directory.GetFiles(output, RunFolder.SummaryFile, SearchOption.AllDirectories)))!;
    }

    private static void AssertOneSentence(int exit, string err, string expected)
    {
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains(expected, err);
        Assert.Single(err.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void AShortTorchRandomStateIsRefusedBeforeLibtorchSeesIt()
    {
        var folder = TrainOneEpoch();
        var path = Path.Combine(folder, RunFolder.ResumeFile);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["torchRandomState"] = "AAAA";
        File.WriteAllText(path, json.ToJsonString());

        var (exit, _, err) = Run("train", "--resume", folder, "--epochs", "2", "--quiet");

        // "AAAA" is 3 bytes; libtorch's CPU generator state is 5,056.
        AssertOneSentence(exit, err, "holds a torchRandomState of 3 bytes where libtorch's generator state has 5056");
    }

    [Fact]
    public void ATruncatedResumeCheckpointIsCalledTruncated()
    {
        var folder = TrainOneEpoch();
        var weights = Path.Combine(folder, RunFolder.ResumeWeightsFile);
        long length = new FileInfo(weights).Length;
        using (var file = File.OpenWrite(weights)) file.SetLength(length / 2);

        var (exit, _, err) = Run("train", "--resume", folder, "--epochs", "2", "--quiet");

        AssertOneSentence(exit, err, $"is truncated ({length / 2:N0} of the {length:N0} bytes");
        Assert.DoesNotContain("does not fit", err);
    }

    [Fact]
    public void EvalOfATruncatedCheckpointIsCalledTruncated()
    {
        var folder = TrainOneEpoch();
        var model = Path.Combine(folder, RunFolder.CheckpointFile);
        long length = new FileInfo(model).Length;
        using (var file = File.OpenWrite(model)) file.SetLength(length - 100);

        var (exit, _, err) = Run("eval", "--checkpoint", model, "--test-limit", "200");

        AssertOneSentence(exit, err, "is truncated");
    }

    [Fact]
    public void EvalSaysWhichCheckpointSplitAndImageCountItEvaluated()
    {
        var folder = TrainOneEpoch();

        var (exit, stdout, err) = Run("eval", "--test-limit", "200", "--out", output);

        Assert.True(exit == 0, err);
        Assert.Contains($"evaluating '{Path.Combine(folder, RunFolder.CheckpointFile)}' on the test split: 200 images", stdout);
    }
}
