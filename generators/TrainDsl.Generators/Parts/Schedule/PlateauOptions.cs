using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Schedule;

/// <summary>
/// <c>[Schedule(Plateau, Monitor = .., Factor = .., Patience = .., Threshold = .., Cooldown = .., MinLr = ..)]</c>:
/// PyTorch's ReduceLROnPlateau on the monitored metric of the validation set when one is declared, else of the test set,
/// stepped after each epoch's evaluation.
/// </summary>
/// <param name="OnValidation">Whether [Data(Validation = ..)] is declared, so the plateau watches the validation set.</param>
internal sealed record PlateauOptions(ResolvedMetric Monitor, double Factor, int Patience, double Threshold, int Cooldown, double MinLr,
    bool OnValidation)
    : ScheduleOptions
{
    /// <summary>The rules (TD0018, TD0019) guarantee a monitored metric before this runs.</summary>
    public static PlateauOptions Resolve(SchedulePart part, ExperimentDeclaration declaration) => new(
        ResolvedMetric.Monitored(declaration)!,
        part.Factor?.Value ?? Defaults.PlateauFactor,
        part.Patience?.Value ?? Defaults.PlateauPatience,
        part.Threshold?.Value ?? Defaults.PlateauThreshold,
        part.Cooldown?.Value ?? Defaults.PlateauCooldown,
        part.MinLr?.Value ?? Defaults.CosineMinLr,
        declaration.Data?.Validation is not null);

    /// <summary>The metrics.csv column the plateau watches: "val_loss", "test_loss", "accuracy", ...</summary>
    public string Column => MetricsPartEmitter.ColumnOf(Monitor, OnValidation);

    private bool Maximizes => MetricsPartEmitter.Maximizes(Monitor);

    public override IEnumerable<ConfigProperty> ConfigProperties(ResolvedSchedule schedule) =>
    [
        ConfigProperty.Double("PlateauFactor", Factor, "ReduceLROnPlateau: the rate's factor when the metric stalls.",
            SchedulePart.Options.RangeOf(nameof(Factor))),
        ConfigProperty.Int("PlateauPatience", Patience, "ReduceLROnPlateau: epochs without improvement before reducing.",
            SchedulePart.Options.RangeOf(nameof(Patience))),
        ConfigProperty.Double("PlateauThreshold", Threshold, "ReduceLROnPlateau: the relative improvement that counts.",
            SchedulePart.Options.RangeOf(nameof(Threshold))),
        ConfigProperty.Int("PlateauCooldown", Cooldown, "ReduceLROnPlateau: epochs to wait after a reduction.",
            SchedulePart.Options.RangeOf(nameof(Cooldown))),
        ConfigProperty.Double("MinLr", MinLr, "ReduceLROnPlateau: the rate's floor.", SchedulePart.Options.RangeOf(nameof(MinLr))),
    ];

    public override void ContributePlan(PlanText text, ResolvedSchedule schedule)
        => text.Text("ReduceLROnPlateau(" + Column + ", " + (Maximizes ? "max" : "min"))
            .Text(", factor ").Hole("config.PlateauFactor").Text(", patience ").Hole("config.PlateauPatience")
            .Text(", threshold ").Hole("config.PlateauThreshold").Text(", cooldown ").Hole("config.PlateauCooldown")
            .Text(", min lr ").Hole("config.MinLr").Text(")");

    public override (string Name, string[] Lines) Creation(ResolvedSchedule schedule)
        => ("ReduceLROnPlateau on the " + (OnValidation ? "validation " : "test ") + MetricsPartEmitter.Describe(Monitor) + " (" + (Maximizes ? "higher" : "lower") + " is better)",
        [
            "new " + Qualified.ReduceLROnPlateau + "(config.ResolvedLearningRate, maximize: " + CSharpLiteral.Bool(Maximizes) + ",",
            "    factor: config.PlateauFactor, patience: config.PlateauPatience, threshold: config.PlateauThreshold,",
            "    cooldown: config.PlateauCooldown, minLr: config.MinLr)",
        ]);

    public override string Phrase(ResolvedSchedule schedule) => "a plateau schedule on " + MetricsPartEmitter.Describe(Monitor);

    /// <summary>The plateau sees the epochs after the warmup as its own, as the hand-written PyTorch loop steps it.</summary>
    public override bool RestartsAfterWarmup => true;
}
