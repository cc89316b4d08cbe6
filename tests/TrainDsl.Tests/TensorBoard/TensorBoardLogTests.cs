using System.Globalization;
using System.Text;
using TrainDsl.Tests.Runs;

namespace TrainDsl.Tests.TensorBoard;

/// <summary>
/// A run's tb/ folder read with <see cref="EventFileReader"/> (framing, CRC32C and protos decoded independently of
/// the writer): every scalar metrics.csv holds is there with the same value, every step's loss and rate, and the
/// plan's settings in the hparams plugin's session start.
/// </summary>
public sealed class TensorBoardLogTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("traindsl-tb-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static EventFileReader.Contents ReadLog(string runFolder)
    {
        var files = Directory.GetFiles(Path.Combine(runFolder, "tb"));
        var file = Assert.Single(files);
        Assert.Contains("tfevents", Path.GetFileName(file)); // TensorBoard reads only such files
        return EventFileReader.Read(file);
    }

    [Fact]
    public void TheMaskedCrcIsTfRecordsOnAKnownInput()
    {
        // CRC-32C("123456789") = 0xE3069283 (the check value of the Castagnoli CRC); masked: rotr15 + 0xa282ead8.
        uint crc = 0xE3069283u;
        Assert.Equal(((crc >> 15) | (crc << 17)) + 0xa282ead8u, EventFileReader.MaskedCrc32C("123456789"u8));
    }

    [Fact]
    public void EveryScalarOfMetricsCsvIsInTheLogWithItsValue()
    {
        var run = SyntheticRun.Write(root, epochs: 3);
        var log = ReadLog(run.Folder);

        var lines = File.ReadAllLines(Path.Combine(run.Folder, "metrics.csv"));
        var header = lines[0].Split(',');
        Assert.Equal(["epoch", "train_loss", "lr", "seconds", "images_per_second", "test_loss", "accuracy", "macro_f1", "live_tensors", "rss_mib"], header);
        Assert.Equal(4, lines.Length);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            int epoch = int.Parse(cells[0], CultureInfo.InvariantCulture);
            for (int c = 1; c < header.Length; c++)
            {
                var found = Assert.Single(log.Values, v => v.Tag == "epoch/" + header[c] && v.Step == epoch);
                Assert.Equal((float)double.Parse(cells[c], CultureInfo.InvariantCulture), found.Simple);
            }
        }
        // Nothing else is an epoch scalar.
        Assert.Equal(3 * (header.Length - 1), log.Values.Count(v => v.Tag.StartsWith("epoch/", StringComparison.Ordinal)));
    }

    [Fact]
    public void EveryStepHasItsLossAndRateAndTheTimesAreUnixSeconds()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var run = SyntheticRun.Write(root, epochs: 2);
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var log = ReadLog(run.Folder);

        Assert.Equal("brain.Event:2", log.FileVersion);
        Assert.InRange(log.FirstWallTime, before - 1, after + 1);
        var losses = log.Values.Where(v => v.Tag == "train/loss").ToList();
        var rates = log.Values.Where(v => v.Tag == "train/lr").ToList();
        Assert.Equal(Enumerable.Range(1, run.StepLosses.Length).Select(s => (long)s), losses.Select(v => v.Step));
        Assert.Equal(run.StepLosses.Select(l => (float?)(float)l), losses.Select(v => v.Simple));
        Assert.Equal(run.StepRates.Select(l => (float?)(float)l), rates.Select(v => v.Simple));
        Assert.All(log.Values, v => Assert.InRange(v.WallTime, before - 1, after + 1));
    }

    [Fact]
    public void ThePlansSettingsAreTheHParamsSessionStart()
    {
        var run = SyntheticRun.Write(root, epochs: 2);
        var log = ReadLog(run.Folder);

        var start = Assert.Single(log.Values, v => v.Tag == "_hparams_/session_start_info");
        Assert.Equal("hparams", start.Plugin);
        var hparams = SessionStartHParams(start.Content!);
        // From SyntheticRun.PlanFor, by hand: the parts (with no validation split, selection is on the test set), then Config (a list as its JSON text, a null left out).
        var expected = new Dictionary<string, object>
        {
            ["Dataset"] = "Fashion-MNIST", ["Model"] = "tiny", ["Loss"] = "cross-entropy", ["Optimizer"] = "SGD",
            ["LearningRate"] = 0.05, ["LearningRateSource"] = "declared", ["Schedule"] = "constant",
            ["Metrics"] = """["test_loss","accuracy","macro_f1"]""", ["PrimaryMetric"] = "accuracy",
            ["Epochs"] = 2.0, ["BatchSize"] = 32.0, ["Seed"] = 1.0, ["TrainSize"] = 96.0, ["SelectedOn"] = "test",
            ["Momentum"] = 0.9, ["Nesterov"] = true, ["Milestones"] = "[1,2]",
        };
        Assert.Equal(expected.OrderBy(e => e.Key), hparams.OrderBy(e => e.Key));

        Assert.DoesNotContain(log.Values, v => v.Tag == "_hparams_/experiment"); // TensorBoard infers it from all runs
        var end = Assert.Single(log.Values, v => v.Tag == "_hparams_/session_end_info");
        // HParamsPluginData.session_end_info (4) { status (1) = STATUS_SUCCESS (1) }
        var endInfo = Assert.Single(EventFileReader.Fields(end.Content!), f => f.Field == 4).Bytes!;
        Assert.Equal(1UL, Assert.Single(EventFileReader.Fields(endInfo), f => f.Field == 1).Number);
    }

    // HParamsPluginData { session_start_info = 3 { map<string, google.protobuf.Value> hparams = 1 } };
    // Value { double number_value = 2; string string_value = 3; bool bool_value = 4; }
    private static Dictionary<string, object> SessionStartHParams(byte[] content)
    {
        var info = Assert.Single(EventFileReader.Fields(content), f => f.Field == 3).Bytes!;
        var values = new Dictionary<string, object>();
        foreach (var entry in EventFileReader.Fields(info).Where(f => f.Field == 1))
        {
            var parts = EventFileReader.Fields(entry.Bytes!).ToList();
            var key = Encoding.UTF8.GetString(parts.Single(p => p.Field == 1).Bytes!);
            var value = EventFileReader.Fields(parts.Single(p => p.Field == 2).Bytes!).Single();
            values[key] = value.Field switch
            {
                2 => BitConverter.Int64BitsToDouble((long)value.Number),
                3 => Encoding.UTF8.GetString(value.Bytes!),
                4 => value.Number != 0,
                _ => throw new InvalidDataException($"hparam {key} has Value field {value.Field}"),
            };
        }
        return values;
    }
}
