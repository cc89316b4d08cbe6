using System.Collections.Generic;
using System.Linq;

namespace TrainDsl.Generators.Parts.Schedule;

/// <summary><c>[Schedule(MultiStep, Milestones = new[] {..}, Gamma = ..)]</c>: PyTorch's MultiStepLR.</summary>
internal sealed record MultiStepOptions(EquatableArray<int> Milestones, double Gamma) : ScheduleOptions
{
    public static MultiStepOptions Resolve(SchedulePart part)
        => new(part.Milestones?.Value ?? EquatableArray<int>.Empty, part.Gamma?.Value ?? Defaults.MultiStepGamma);

    public override IEnumerable<ConfigProperty> ConfigProperties(ResolvedSchedule schedule) =>
    [
        new("Milestones", "int[]", "[" + string.Join(", ", Milestones.Select(CSharpLiteral.Int)) + "]",
            "MultiStepLR: the " + schedule.Unit + " at which the rate decays.",
            Qualified.CheckOf(ConfigCheck.Milestones) + ", Unit = " + CSharpLiteral.String(schedule.Unit.TrimEnd('s'))),
        ConfigProperty.Double("ScheduleGamma", Gamma, "MultiStepLR γ: the rate's factor at each milestone.", SchedulePart.Options.RangeOf(nameof(Gamma))),
    ];

    public override void ContributePlan(PlanText text, ResolvedSchedule schedule)
        => text.Text("MultiStepLR(milestones [").Hole("config.Milestones").Text("], gamma ").Hole("config.ScheduleGamma").Text(")");

    public override (string Name, string[] Lines) Creation(ResolvedSchedule schedule)
        => ("MultiStepLR", ["new " + Qualified.MultiStepLR + "(config.Milestones, config.ScheduleGamma)"]);

    public override string Phrase(ResolvedSchedule schedule) => "a " + schedule.IntervalAdjective + " multi-step schedule";
}
