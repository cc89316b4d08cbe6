using TrainDsl.Runs;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>[Amp] as the generator emits it, trained on real data with the recipe parts it must work with.</summary>
[Collection(TrainingCollection.Name)]
public class AmpTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("traindsl-amp-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    private RunSettings Settings => new() { OutputRoot = output, Log = null, Threads = 2 };

    [Fact]
    public void Bf16TrainingLearnsAsFp32DoesAndItsCheckpointEvaluatesIn16Bits()
    {
        var amp = LiveTensors.LeftUnchangedBy(() => AmpRun.Train(settings: Settings));
        var fp32 = AmpRunFp32.Train(settings: Settings);

        var csv = new MetricsCsv(amp.Run.RunFolder);
        var trainLoss = csv.Column("train_loss");
        Assert.True(trainLoss[1] < trainLoss[0], $"loss did not fall: {trainLoss[0]} then {trainLoss[1]}");
        var live = csv.Column("live_tensors");
        Assert.Equal(live[0], live[1]); // the working copy's casts and gradients are freed with each step
        Assert.True(amp.Final!.Accuracy > 0.6, $"bf16 accuracy {amp.Final.Accuracy}");
        // Same seed, data, draws and initial weights: only bf16 rounding separates the runs (25 of the 500 test images here;
        // on the full data set the gap is 0.05 points, bench/results/amp-accuracy.md).
        Assert.True(Math.Abs(amp.Final.Accuracy - fp32.Final!.Accuracy) <= 0.05,
            $"bf16 {amp.Final.Accuracy} vs fp32 {fp32.Final.Accuracy}");
        // Warmup and cosine run on the fp32 master's optimizer as without [Amp].
        Assert.Equal(new MetricsCsv(fp32.Run.RunFolder).Column("lr"), csv.Column("lr"));

        // model.bin holds the fp32 master weights; LowPrecisionEval evaluates them in bf16 again, as the last epoch did.
        var again = LiveTensors.LeftUnchangedBy(() => AmpRun.Evaluate(amp.Run.Checkpoint!, settings: Settings));
        Assert.Equal(amp.Final.Accuracy, again.Accuracy);
        // The generated LoadPredictor converts the checkpoint as Evaluate does: its answers score the same accuracy.
        using (var data = new AmpRun.Runner().LoadData(ConfigOverrides.None, Settings))
        {
            var labels = data.Test.Labels.data<long>().ToArray();
            var predictions = LiveTensors.LeftUnchangedBy(() =>
            {
                using var predictor = AmpRun.LoadPredictor(amp.Run.Checkpoint!, settings: Settings);
                return predictor.Predict(data.Test.Images, top: 1);
            });
            Assert.Equal(again.Accuracy * labels.Length, predictions.Where((p, i) => p.Class == labels[i]).Count(), 9);
        }
        Assert.Contains("bf16 mixed precision (fp32 master weights, bf16 evaluation)", AmpRun.Plan().Model);
    }

    [Fact]
    public void Fp16TrainingScalesTheLossAndReportsTheScaler()
    {
        var result = LiveTensors.LeftUnchangedBy(() => AmpFp16Run.Train(settings: Settings));

        var trainLoss = new MetricsCsv(result.Run.RunFolder).Column("train_loss");
        Assert.True(double.IsFinite(trainLoss[0]) && trainLoss[0] < Math.Log(10), $"fp16 train loss {trainLoss[0]}");
        Assert.True(result.Final!.Accuracy > 0.3, $"fp16 accuracy {result.Final.Accuracy} (chance is 0.1)");
        Assert.Contains(result.Run.Notes, n => n.StartsWith("fp16 loss scale ", StringComparison.Ordinal));
    }

    [Fact]
    public void ABf16StudentDistillsFromABf16Teacher()
    {
        DistillTeacher.Train(settings: Settings);

        var student = LiveTensors.LeftUnchangedBy(() => AmpDistillStudent.Train(settings: Settings));

        var csv = new MetricsCsv(student.Run.RunFolder);
        var live = csv.Column("live_tensors");
        Assert.Equal(live[0], live[1]); // teacher logits and 16-bit casts are freed with each step
        var trainLoss = csv.Column("train_loss");
        Assert.True(trainLoss[1] < trainLoss[0], $"distillation loss did not fall: {trainLoss[0]} then {trainLoss[1]}");
        Assert.True(student.Final!.Accuracy > 0.5, $"student accuracy {student.Final.Accuracy}");
    }
}
