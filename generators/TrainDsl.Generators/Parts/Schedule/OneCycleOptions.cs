using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Schedule;

/// <summary>
/// <c>[Schedule(OneCycle, PctStart = .., DivFactor = .., FinalDivFactor = .., ThreePhase = ..)]</c>: PyTorch's OneCycleLR
/// (Smith &amp; Topin 2018) with the base rate as its maximum, over the whole run after any warmup. The rate only:
/// momentum is not cycled (PyTorch's cycle_momentum=False).
/// </summary>
internal sealed record OneCycleOptions(double PctStart, double DivFactor, double FinalDivFactor, bool ThreePhase) : ScheduleOptions
{
    public static OneCycleOptions Resolve(SchedulePart part) => new(
        part.PctStart?.Value ?? Defaults.OneCyclePctStart,
        part.DivFactor?.Value ?? Defaults.OneCycleDivFactor,
        part.FinalDivFactor?.Value ?? Defaults.OneCycleFinalDivFactor,
        part.ThreePhase?.Value ?? Defaults.OneCycleThreePhase);

    public override IEnumerable<ConfigProperty> ConfigProperties(ResolvedSchedule schedule) =>
    [
        ConfigProperty.Double("PctStart", PctStart, "OneCycleLR: the share of the run spent raising the rate.", SchedulePart.Options.RangeOf(nameof(PctStart))),
        ConfigProperty.Double("DivFactor", DivFactor, "OneCycleLR: the first rate is the base rate / DivFactor.", SchedulePart.Options.RangeOf(nameof(DivFactor))),
        ConfigProperty.Double("FinalDivFactor", FinalDivFactor, "OneCycleLR: the last rate is the first / FinalDivFactor.",
            SchedulePart.Options.RangeOf(nameof(FinalDivFactor))),
        new("ThreePhase", "bool", CSharpLiteral.Bool(ThreePhase), "OneCycleLR: return to the first rate before the final annealing.", null),
    ];

    public override void ContributePlan(PlanText text, ResolvedSchedule schedule)
        => text.Text("OneCycleLR(total steps ").Hole("(" + schedule.RunAfterWarmup + ")").Text(", pct start ").Hole("config.PctStart")
            .Text(", div factor ").Hole("config.DivFactor").Text(", final div factor ").Hole("config.FinalDivFactor")
            .Text(", three phase ").Hole("config.ThreePhase").Text(")");

    public override (string Name, string[] Lines) Creation(ResolvedSchedule schedule) => ("OneCycleLR",
    [
        "new " + Qualified.OneCycleLR + "(" + schedule.RunAfterWarmup + ", config.PctStart,",
        "    divFactor: config.DivFactor, finalDivFactor: config.FinalDivFactor, threePhase: config.ThreePhase)",
    ]);

    public override string Phrase(ResolvedSchedule schedule) => "a " + schedule.IntervalAdjective + " one-cycle schedule";

    /// <summary>The cycle spans the run after the warmup.</summary>
    public override bool RestartsAfterWarmup => true;
}
