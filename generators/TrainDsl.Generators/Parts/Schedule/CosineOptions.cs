using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Schedule;

/// <summary><c>[Schedule(Cosine, MinLr = .., Period = ..)]</c>: PyTorch's CosineAnnealingLR, over the whole run unless a period is set.</summary>
internal sealed record CosineOptions(double MinLr, int Period) : ScheduleOptions
{
    public static CosineOptions Resolve(SchedulePart part)
        => new(part.MinLr?.Value ?? Defaults.CosineMinLr, part.Period?.Value ?? Defaults.CosinePeriod);

    public override IEnumerable<ConfigProperty> ConfigProperties(ResolvedSchedule schedule) =>
    [
        ConfigProperty.Double("MinLr", MinLr, "CosineAnnealingLR η_min.", SchedulePart.Options.RangeOf(nameof(MinLr))),
        ConfigProperty.Int("Period", Period,
            "CosineAnnealingLR T_max in " + schedule.Unit + "; 0 anneals over the whole run" + (schedule.HasWarmup ? " after the warmup." : "."),
            SchedulePart.Options.RangeOf(nameof(Period))),
    ];

    public override void ContributePlan(PlanText text, ResolvedSchedule schedule)
        => text.Text("CosineAnnealingLR(T_max ").Hole("(" + TMax(schedule) + ")").Text(", eta_min ").Hole("config.MinLr").Text(")");

    public override (string Name, string[] Lines) Creation(ResolvedSchedule schedule)
        => ("CosineAnnealingLR", ["new " + Qualified.CosineAnnealingLR + "(", "    tMax: " + TMax(schedule) + ",", "    etaMin: config.MinLr)"]);

    public override string Phrase(ResolvedSchedule schedule) => "a " + schedule.IntervalAdjective + " cosine schedule";

    /// <summary>The cosine starts after the warmup, so a run of T anneals over T − W (SequentialLR).</summary>
    public override bool RestartsAfterWarmup => true;

    /// <summary>T_max as an expression: the declared period, else the run after the warmup.</summary>
    private static string TMax(ResolvedSchedule schedule) => "config.Period > 0 ? config.Period : " + schedule.RunAfterWarmup;
}
