using TrainDsl.Runs;

namespace TrainDsl.Tests.Recipe;

/// <summary>Overriding, checking and listing a Config's properties, as the generated With, Validate and ToDictionary do.</summary>
public class HyperparametersTests
{
    // Shaped like a generated Config: settable properties with their checks, then derived ones.
    private sealed record Config
    {
        [Check(ConfigCheck.AtLeastOne)] public int Epochs { get; init; } = 6;
        [Check(ConfigCheck.AtLeastOne)] public int BatchSize { get; init; } = 128;
        public int Seed { get; init; } = 1;
        [Check(ConfigCheck.Positive)] public double? LearningRate { get; init; }
        [Check(ConfigCheck.Fraction)] public double Momentum { get; init; } = 0.9;
        [Check(ConfigCheck.NeedsMomentum)] public bool Nesterov { get; init; } = true;
        [Check(ConfigCheck.Milestones, Unit = "step")] public int[] Milestones { get; init; } = [3, 6];
        [Check(ConfigCheck.AtLeastOne, ConfigCheck.BelowEpochs)] public int WarmupEpochs { get; init; } = 2;
        [Check(ConfigCheck.Positive)] public double[] FocalAlpha { get; init; } = [1, 2];
        [Check(ConfigCheck.TeacherFileOrNewestRun, Teacher = "Teacher")] public string? TeacherCheckpoint { get; init; }
        [Check(ConfigCheck.StartFactor, ConfigCheck.NotAboveOther, Other = "MaxScale")] public double MinScale { get; init; } = 0.08;
        [Check(ConfigCheck.StartFactor)] public double MaxScale { get; init; } = 1;
        public double ResolvedLearningRate => LearningRate ?? 0.1 * BatchSize / 256;
    }

    private static string Problem(Config config) =>
        Assert.Throws<TrainDslException>(() => Hyperparameters.Validate(config, "E")).Message;

    [Fact]
    public void OverridesCopyAndParseByType()
    {
        var declared = new Config();
        var config = Hyperparameters.Override(declared, new ConfigOverrides
        {
            Epochs = 3,
            Values = new Dictionary<string, string> { ["Momentum"] = "0.5", ["Nesterov"] = "false", ["Milestones"] = "1, 2", ["LearningRate"] = "0.2" },
        }, "E");

        Assert.Equal((6, 0.9, true), (declared.Epochs, declared.Momentum, declared.Nesterov)); // a copy, not the declared config
        Assert.Equal((3, 0.5, false, 0.2), (config.Epochs, config.Momentum, config.Nesterov, config.LearningRate));
        Assert.Equal([1, 2], config.Milestones);
    }

    [Fact]
    public void UnknownOrBadSettingIsOneSentence()
    {
        var unknown = Assert.Throws<TrainDslException>(() => Hyperparameters.Override(new Config(),
            new ConfigOverrides { Values = new Dictionary<string, string> { ["Colour"] = "red" } }, "E"));
        Assert.Equal("E has no setting 'Colour'; settable names are Epochs, BatchSize, Seed, LearningRate, Momentum, Nesterov, "
            + "Milestones, WarmupEpochs, FocalAlpha, TeacherCheckpoint, MinScale, MaxScale.", unknown.Message);

        var bad = Assert.Throws<TrainDslException>(() => Hyperparameters.Override(new Config(),
            new ConfigOverrides { Values = new Dictionary<string, string> { ["Epochs"] = "many" } }, "E"));
        Assert.Equal("Setting Epochs of E to 'many' failed: expected a whole number.", bad.Message);
    }

    [Fact]
    public void ChecksSayWhatIsWrong()
    {
        Hyperparameters.Validate(new Config(), "E");
        Assert.Equal("E: Epochs must be at least 1, got 0; fix the attribute or the override.", Problem(new Config { Epochs = 0 }));
        Assert.Equal("E: Momentum must be in [0, 1), got 1.5; fix the attribute or the override.", Problem(new Config { Momentum = 1.5 }));
        Assert.Equal("E: LearningRate must be a positive number, got -0.1; fix the attribute or the override.", Problem(new Config { LearningRate = -0.1 }));
        Assert.Equal("E: Nesterov momentum needs Momentum > 0; fix the attribute or the override.", Problem(new Config { Momentum = 0 }));
        Assert.Equal("E: Milestones must list at least one step; fix the attribute or the override.", Problem(new Config { Milestones = [] }));
        Assert.Equal("E: Milestones must each be at least 1, got 0; fix the attribute or the override.", Problem(new Config { Milestones = [0] }));
        Assert.Equal("E: WarmupEpochs (6) must be below Epochs (6); fix the attribute or the override.", Problem(new Config { WarmupEpochs = 6 }));
        Assert.Equal("E: FocalAlpha values must each be a positive number, got 0; fix the attribute or the override.", Problem(new Config { FocalAlpha = [1, 0] }));
        Assert.Equal("E: TeacherCheckpoint must name a model.bin file, or be left out to use the newest run of Teacher; fix the attribute or the override.",
            Problem(new Config { TeacherCheckpoint = "" }));
        Assert.Equal("E: MinScale (0.6) must not be above MaxScale (0.5); fix the attribute or the override.", Problem(new Config { MinScale = 0.6, MaxScale = 0.5 }));
        Assert.Equal("E: MaxScale must be in (0, 1], got 1.5; fix the attribute or the override.", Problem(new Config { MaxScale = 1.5 }));
        Hyperparameters.Validate(new Config { MinScale = 0.5, MaxScale = 0.5 }, "E");
    }

    // Shaped like the generated Config's bounded properties (Epochs, BatchSize, an image folder's ImageSize).
    private sealed record Bounded
    {
        [Check(ConfigCheck.Epochs)] public int Epochs { get; init; } = 6;
        [Check(ConfigCheck.BatchSize)] public int BatchSize { get; init; } = 128;
        [Check(ConfigCheck.ImageSize)] public int ImageSize { get; init; } = 32;
    }

    /// <summary>Issue #15: values that pass the lower bounds but cannot run (an OOM later, a plan too long) are one sentence.</summary>
    [Fact]
    public void UpperBoundsAreOneSentence()
    {
        static string Refused(Bounded config) => Assert.Throws<TrainDslException>(() => Hyperparameters.Validate(config, "E")).Message;

        Hyperparameters.Validate(new Bounded { Epochs = 10_000, BatchSize = 65_536, ImageSize = 1024 }, "E");
        Assert.Equal("E: Epochs must be 1 to 10,000 epochs, got 10001; fix the attribute or the override.", Refused(new Bounded { Epochs = 10_001 }));
        Assert.Equal("E: BatchSize must be 1 to 65,536 images, got 65537; fix the attribute or the override.", Refused(new Bounded { BatchSize = 65_537 }));
        Assert.Equal("E: ImageSize must be 1 to 1,024 pixels, got 0; fix the attribute or the override.", Refused(new Bounded { ImageSize = 0 }));

        // --set ImageSize=100000 on the command line: overridden, then refused by the same check.
        var overridden = Hyperparameters.Override(new Bounded(),
            new ConfigOverrides { Values = new Dictionary<string, string> { ["ImageSize"] = "100000" } }, "E");
        Assert.Equal("E: ImageSize must be 1 to 1,024 pixels, got 100000; fix the attribute or the override.", Refused(overridden));
    }

    /// <summary>The epoch bound is the plan's: a plan lists the rate of every epoch a run may have.</summary>
    [Fact]
    public void TheEpochBoundIsThePlansListingLimit()
        => Assert.Equal(TrainDsl.Schedules.LearningRatePlan.MaxListedEpochs, ValueRanges.MaxEpochs);

    [Fact]
    public void ListsEverySettingWithTheRateInForce()
    {
        var values = Hyperparameters.ByName(new Config());

        Assert.Equal(["Epochs", "BatchSize", "Seed", "LearningRate", "Momentum", "Nesterov", "Milestones", "WarmupEpochs", "FocalAlpha", "TeacherCheckpoint", "MinScale", "MaxScale"],
            values.Keys);
        Assert.Equal(0.05, values["LearningRate"]);
    }
}
