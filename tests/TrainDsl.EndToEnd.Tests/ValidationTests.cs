using System.Text.Json;
using TrainDsl.Data;
using TrainDsl.Metrics;
using TrainDsl.Runs;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>
/// [Data(Validation = ..)] and [EarlyStopping] in the generated loop: the val_ and test_ columns, best.bin chosen on
/// the validation column, early stopping where the rule applied to metrics.csv says, and its state across a resume.
/// </summary>
[Collection(TrainingCollection.Name)]
public class ValidationTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("traindsl-validation-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    private RunSettings Settings => new() { OutputRoot = output, Log = null, Threads = 2 };

    [Fact]
    public void ThePlanShowsTheSizesAfterTheHoldOut()
    {
        var plan = HeldOutRun.Plan(settings: Settings);

        // 6,000 images per class: round(6000 × 0.05) = 300 held out of each, 3,000 in all; TrainLimit keeps 640 of the rest.
        Assert.Equal(3000, plan.ValidationSize);
        Assert.Equal(640, plan.TrainSize);
        Assert.Equal(10, plan.StepsPerEpoch);
        Assert.Equal("validation", plan.SelectedOn);
        Assert.Equal(["val_loss", "val_accuracy", "val_macro_f1", "test_loss", "test_accuracy", "test_macro_f1"], plan.Metrics);
        Assert.Contains("3,000 validation images", plan.ToText());
        Assert.Equal("test", MixedSeeds.Plan(settings: Settings).SelectedOn);
    }

    [Fact]
    public void BestBinIsTheEpochOfTheBestValidationColumn()
    {
        var result = LiveTensors.LeftUnchangedBy(() => HeldOutRun.Train(settings: Settings));

        var csv = new MetricsCsv(result.Run.RunFolder);
        Assert.Equal(3, csv.Epochs);
        foreach (var column in new[] { "val_loss", "val_accuracy", "val_macro_f1", "test_loss", "test_accuracy", "test_macro_f1" })
            Assert.Equal(3, csv.Column(column).Length);
        Assert.Equal(result.History.Select(m => m.MacroF1), csv.Column("test_macro_f1"));

        // best.bin: the first epoch with the highest val_macro_f1 (a later equal value is no improvement).
        var validation = csv.Column("val_macro_f1");
        int best = Array.IndexOf(validation, validation.Max()) + 1;
        Assert.Equal(best, result.Run.BestEpoch);
        Assert.Equal(validation[best - 1], result.Run.BestMetric);
        Assert.Equal("validation", result.Run.SelectedOn);
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.Run.RunFolder, RunFolder.SummaryFile))).RootElement;
        Assert.Equal(best, summary.GetProperty("bestEpoch").GetInt32());
        Assert.Equal(csv.Column("test_accuracy")[^1], summary.GetProperty("finalMetrics").GetProperty("test_accuracy").GetDouble());

        // The saved weights give that epoch's validation metrics again.
        using var data = ValidationSplit.Load(HeldOutRun.CreateDataSource(), new DataOptions { Validation = 0.05, TrainLimit = 640, TestLimit = 300 });
        using var model = HeldOutRun.CreateModel(data.Train.Channels, data.Train.Classes);
        Checkpoint.Load(model, result.Run.BestCheckpoint!);
        using var confusion = new ConfusionMatrix(data.Train.Classes, data.Train.ClassNames);
        var again = HeldOutRun.Evaluate(model, new BatchLoader(data.RequiredValidation, 512, shuffle: false, dropLast: false), confusion);
        Assert.Equal(validation[best - 1], again.MacroF1, 12);
        Assert.Equal(csv.Column("val_loss")[best - 1], again.Loss, 5);
    }

    [Fact]
    public void EverySeedHoldsOutTheSameImages()
    {
        var runner = new HeldOutRun.Runner();
        using var seed3 = runner.LoadData(new ConfigOverrides(), Settings);
        using var seed99 = runner.LoadData(new ConfigOverrides { Values = new Dictionary<string, string> { ["Seed"] = "99" } }, Settings);

        Assert.Equal(seed3.RequiredValidation.Images.data<byte>().ToArray(), seed99.RequiredValidation.Images.data<byte>().ToArray());
        Assert.Equal(Enumerable.Repeat(300L, 10), seed3.RequiredValidation.ClassCounts());
    }

    /// <summary>The rule applied to a metrics.csv column: the 1-based epoch a maximizing patience-p rule stops after.</summary>
    private static int? StopEpoch(double[] values, int patience)
    {
        double? best = null;
        int without = 0;
        for (int e = 0; e < values.Length; e++)
        {
            if (best is null || values[e] > best) { best = values[e]; without = 0; }
            else if (++without >= patience) return e + 1;
        }
        return null;
    }

    [Fact]
    public void ARunWithoutProgressStopsEarlyWhereTheRuleSays()
    {
        var result = LiveTensors.LeftUnchangedBy(() => StalledRun.Train(settings: Settings));

        var csv = new MetricsCsv(result.Run.RunFolder);
        var expected = StopEpoch(csv.Column("val_accuracy"), patience: 2);
        Assert.NotNull(expected);
        Assert.True(expected < 8, $"stopped after {expected} of 8 epochs");
        Assert.Equal(expected, csv.Epochs);
        Assert.Equal("stopped-early", result.Run.Status);
        Assert.Equal(expected, result.Run.StoppedEpoch);
        Assert.Equal("no improvement of val_accuracy by more than 0 for 2 epochs", result.Run.StopReason);
        Assert.True(File.Exists(result.Run.Checkpoint));
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.Run.RunFolder, RunFolder.SummaryFile))).RootElement;
        Assert.Equal("stopped-early", summary.GetProperty("status").GetString());
        Assert.Equal(expected, summary.GetProperty("stoppedEpoch").GetInt32());
    }

    [Fact]
    public void AResumedRunKeepsTheEarlyStoppingCount()
    {
        var config = new StalledRun.Config();
        int stepsPerEpoch = StalledRun.Plan(config, Settings).StepsPerEpoch;

        var whole = StalledRun.Train(config, Settings);
        // Two epochs, then a fresh process: the first set the best, the second went without improvement.
        var stopped = StalledRun.Train(config, Settings with { MaxSteps = 2 * stepsPerEpoch });
        Assert.Equal(2, stopped.History.Count);
        var resumed = StalledRun.Train(config, Settings with { Resume = stopped.Run.RunFolder });

        var expected = StopEpoch(new MetricsCsv(resumed.Run.RunFolder).Column("val_accuracy"), patience: 2);
        Assert.Equal(expected, resumed.Run.StoppedEpoch);
        Assert.Equal(whole.Run.StoppedEpoch, resumed.Run.StoppedEpoch);
        Assert.Equal(File.ReadAllBytes(whole.Run.Checkpoint!), File.ReadAllBytes(resumed.Run.Checkpoint!));

        // A run that stopped early has nothing left to resume.
        var e = Assert.Throws<TrainDslException>(() => StalledRun.Train(config with { Epochs = 9 }, Settings with { Resume = resumed.Run.RunFolder }));
        Assert.Contains($"stopped early after epoch {expected}", e.Message);
    }
}
