using System.Linq;
using TrainDsl.Generators.Model;

namespace TrainDsl.Generators.Emit.Parts;

/// <summary>Parts declared but not implemented yet (TD0100): the plan names each, so nothing is silently ignored.</summary>
internal sealed class NotSupportedPartEmitter(ResolvedExperiment experiment) : PartEmitter
{
    public override void ContributePlan(PlanBuilder plan) => plan.Notes.AddRange(experiment.Notes.Select(CSharpLiteral.String));
}
