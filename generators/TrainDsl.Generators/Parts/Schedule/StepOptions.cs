using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Schedule;

/// <summary><c>[Schedule(Step, StepSize = .., Gamma = ..)]</c>: PyTorch's StepLR.</summary>
internal sealed record StepOptions(int StepSize, double Gamma) : ScheduleOptions
{
    public static StepOptions Resolve(SchedulePart part)
        => new(part.StepSize?.Value ?? Defaults.StepSize, part.Gamma?.Value ?? Defaults.StepGamma);

    public override IEnumerable<ConfigProperty> ConfigProperties(ResolvedSchedule schedule) =>
    [
        ConfigProperty.Int("StepSize", StepSize, "StepLR: decay every this many " + schedule.Unit + ".", SchedulePart.Options.RangeOf(nameof(StepSize))),
        ConfigProperty.Double("ScheduleGamma", Gamma, "StepLR γ: the rate's factor at each decay.", SchedulePart.Options.RangeOf(nameof(Gamma))),
    ];

    public override void ContributePlan(PlanText text, ResolvedSchedule schedule)
        => text.Text("StepLR(step size ").Hole("config.StepSize").Text(", gamma ").Hole("config.ScheduleGamma").Text(")");

    public override (string Name, string[] Lines) Creation(ResolvedSchedule schedule)
        => ("StepLR", ["new " + Qualified.StepLR + "(config.StepSize, config.ScheduleGamma)"]);

    public override string Phrase(ResolvedSchedule schedule) => "a " + schedule.IntervalAdjective + " step schedule";
}
