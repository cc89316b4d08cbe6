using System.Collections.Generic;
using System.Linq;

namespace TrainDsl.Generators.Parts.Schedule;

/// <summary>No [Schedule], or <c>[Schedule(Constant)]</c>: the base rate throughout (after a warmup, if declared).</summary>
internal sealed record ConstantOptions : ScheduleOptions
{
    public override IEnumerable<ConfigProperty> ConfigProperties(ResolvedSchedule schedule) => Enumerable.Empty<ConfigProperty>();

    public override void ContributePlan(PlanText text, ResolvedSchedule schedule) => text.Text("constant");

    public override (string Name, string[] Lines) Creation(ResolvedSchedule schedule) => ("the base rate", ["new " + Qualified.ConstantSchedule + "()"]);

    public override string Phrase(ResolvedSchedule schedule)
        => schedule.IsConstant ? "a constant learning rate" : "a constant " + schedule.IntervalAdjective + " schedule";
}
