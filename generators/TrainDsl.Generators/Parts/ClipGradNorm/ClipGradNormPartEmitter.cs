using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.ClipGradNorm;

/// <summary>
/// [ClipGradNorm]: after backward (with fp16, after the gradients are unscaled onto the fp32 master weights), the
/// gradients are rescaled to a global L2 norm of at most <c>Config.MaxGradNorm</c>, before the step and its
/// non-finite check.
/// </summary>
internal sealed class ClipGradNormPartEmitter(ResolvedExperiment experiment) : PartEmitter
{
    public override IEnumerable<ConfigProperty> ConfigProperties => experiment.MaxGradNorm is { } norm
        ? [ConfigProperty.Positive("MaxGradNorm", norm, "Gradients are rescaled to at most this global L2 norm before each step.")]
        : [];

    public override void ContributePlan(PlanBuilder plan)
    {
        if (experiment.MaxGradNorm is null) return;
        plan.Optimizer.Text(", gradients clipped to L2 norm ").Hole("config.MaxGradNorm");
    }

    public override void WriteAfterBackward(SourceWriter writer)
    {
        if (experiment.MaxGradNorm is null) return;
        writer.Line(Qualified.Nn + ".utils.clip_grad_norm_(model.parameters(), config.MaxGradNorm);");
    }

    public override void ContributeExport(ExportBuilder export)
    {
        if (experiment.MaxGradNorm is not null) export.Tricks.Add("ClipGradNorm");
    }
}
