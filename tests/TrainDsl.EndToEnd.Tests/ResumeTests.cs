using System.Text.Json.Nodes;
using TrainDsl.Runs;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>
/// The generated loop stopped after an epoch and resumed with <c>RunSettings.Resume</c> ends exactly where the
/// uninterrupted run does: weights, optimizer state and every random part's position are restored.
/// </summary>
[Collection(TrainingCollection.Name)]
public class ResumeTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("traindsl-resume-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    private RunSettings Settings => new() { OutputRoot = output, Log = null, Threads = 2 };

    [Fact]
    public void AResumedRunWithEveryRandomPartEndsBitwiseLikeTheUninterruptedOne()
    {
        // MixedSeeds draws crops, flips, the mixing method, λ and partners from three generators of its own.
        var config = new MixedSeeds.Config { Epochs = 2, TrainLimit = 640 };
        int stepsPerEpoch = MixedSeeds.Plan(config).StepsPerEpoch;

        var whole = MixedSeeds.Train(config, Settings);
        var stopped = MixedSeeds.Train(config, Settings with { MaxSteps = stepsPerEpoch });
        Assert.Single(stopped.History);
        var resumed = LiveTensors.LeftUnchangedBy(() => MixedSeeds.Train(config, Settings with { Resume = stopped.Run.RunFolder }));

        Assert.Equal(stopped.Run.RunFolder, resumed.Run.RunFolder);
        Assert.Equal(File.ReadAllBytes(whole.Run.Checkpoint!), File.ReadAllBytes(resumed.Run.Checkpoint!));
        Assert.Equal(whole.Final, resumed.Final);
        var csv = new MetricsCsv(resumed.Run.RunFolder);
        Assert.Equal(new MetricsCsv(whole.Run.RunFolder).Column("train_loss"), csv.Column("train_loss"));
    }

    [Fact]
    public void ARunStoppedBetweenItsLastResumePointAndModelBinFinishesOnResume()
    {
        var config = new MixedSeeds.Config { Epochs = 1, TrainLimit = 640 };
        var whole = MixedSeeds.Train(config, Settings);
        var folder = whole.Run.RunFolder;
        var weights = File.ReadAllBytes(whole.Run.Checkpoint!);
        var confusion = File.ReadAllText(Path.Combine(folder, RunFolder.ConfusionFile));
        // What a kill after the last epoch's resume point leaves: no confusion matrix, final weights or summary yet.
        foreach (var file in new[] { RunFolder.ConfusionFile, RunFolder.PerClassFile, RunFolder.CheckpointFile, RunFolder.SafeTensorsFile, RunFolder.SummaryFile })
            File.Delete(Path.Combine(folder, file));

        var finished = LiveTensors.LeftUnchangedBy(() => MixedSeeds.Train(config, Settings with { Resume = folder }));

        Assert.Equal("completed", finished.Run.Status);
        Assert.Empty(finished.History); // no epoch trained again
        Assert.Equal(weights, File.ReadAllBytes(finished.Run.Checkpoint!));
        Assert.True(File.Exists(Path.Combine(folder, RunFolder.SafeTensorsFile)));
        Assert.Equal(confusion, File.ReadAllText(Path.Combine(folder, RunFolder.ConfusionFile)));
        Assert.Equal(whole.Run.FinalMetrics, finished.Run.FinalMetrics);
        // Finished now, so a further resume has nothing to do.
        var again = Assert.Throws<TrainDslException>(() => MixedSeeds.Train(config, Settings with { Resume = folder }));
        Assert.Contains("has already completed 1 epochs", again.Message);
    }

    [Fact]
    public void AResumedFp16RunRestoresTheLossScaler()
    {
        var config = new AmpFp16Run.Config { Epochs = 2, TrainLimit = 320 };
        int stepsPerEpoch = AmpFp16Run.Plan(config).StepsPerEpoch;

        var whole = AmpFp16Run.Train(config, Settings);
        var stopped = AmpFp16Run.Train(config, Settings with { MaxSteps = stepsPerEpoch });
        var resumed = LiveTensors.LeftUnchangedBy(() => AmpFp16Run.Train(config, Settings with { Resume = stopped.Run.RunFolder }));

        Assert.Equal(File.ReadAllBytes(whole.Run.Checkpoint!), File.ReadAllBytes(resumed.Run.Checkpoint!));
        // The scaler counts clean steps towards its next growth: after both epochs it must have counted all of them,
        // as the uninterrupted run did, not restarted at the resume (a fresh scaler would count one epoch's).
        var wholeScaler = LossScaler(whole.Run.RunFolder);
        var resumedScaler = LossScaler(resumed.Run.RunFolder);
        Assert.Equal(2 * stepsPerEpoch, wholeScaler["_growth_tracker"]!.GetValue<int>());
        Assert.Equal(wholeScaler.ToJsonString(), resumedScaler.ToJsonString());
        Assert.Equal(whole.Run.Notes.Single(n => n.StartsWith("fp16 ", StringComparison.Ordinal)),
            resumed.Run.Notes.Single(n => n.StartsWith("fp16 ", StringComparison.Ordinal)));
    }

    [Fact]
    public void AResumedRunWithAnEmaAndAccumulationEndsBitwiseLikeTheUninterruptedOne()
    {
        var config = new EmaAccumulationRun.Config { Epochs = 2 };
        int stepsPerEpoch = EmaAccumulationRun.Plan(config).StepsPerEpoch;

        var whole = EmaAccumulationRun.Train(config, Settings);
        var stopped = EmaAccumulationRun.Train(config, Settings with { MaxSteps = stepsPerEpoch });
        var resumed = LiveTensors.LeftUnchangedBy(() => EmaAccumulationRun.Train(config, Settings with { Resume = stopped.Run.RunFolder }));

        // model.bin is the average; last.bin holds the trained weights and the average; the warmup's update count goes on.
        Assert.Equal(File.ReadAllBytes(whole.Run.Checkpoint!), File.ReadAllBytes(resumed.Run.Checkpoint!));
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole.Run.RunFolder, RunFolder.ResumeWeightsFile)),
            File.ReadAllBytes(Path.Combine(resumed.Run.RunFolder, RunFolder.ResumeWeightsFile)));
        Assert.Equal(File.ReadAllBytes(whole.Run.BestCheckpoint!), File.ReadAllBytes(resumed.Run.BestCheckpoint!));
        Assert.Equal(whole.Final, resumed.Final);
        Assert.Equal(new MetricsCsv(whole.Run.RunFolder).Column("train_loss"), new MetricsCsv(resumed.Run.RunFolder).Column("train_loss"));
        Assert.Equal(2 * stepsPerEpoch, ResumeState(resumed.Run.RunFolder, "ema")["updates"]!.GetValue<long>());
    }

    /// <summary>The loss scaler's state in a run folder's last resume point.</summary>
    private static JsonNode LossScaler(string runFolder) => ResumeState(runFolder, "lossScaler");

    /// <summary>One part's state in a run folder's last resume point.</summary>
    private static JsonNode ResumeState(string runFolder, string key)
        => JsonNode.Parse(File.ReadAllText(Path.Combine(runFolder, RunFolder.ResumeFile)))!["state"]![key]!;
}
