using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Accumulation;

/// <summary>
/// [GradientAccumulation]: AccumulationSteps micro-batches of BatchSize images, each loss divided by AccumulationSteps,
/// make one optimizer step. The training step gains an inner loop over the step's micro-batches (each augmented and
/// mixed on its own, as timm does); the schedule, the step budget and the plan count optimizer steps, ⌊batches / k⌋
/// an epoch.
/// </summary>
internal sealed class GradientAccumulationPartEmitter(ResolvedExperiment experiment) : PartEmitter
{
    private ResolvedGradientAccumulation? Accumulation => experiment.Accumulation;

    public bool IsDeclared => Accumulation is not null;

    public override IEnumerable<ConfigProperty> ConfigProperties
    {
        get
        {
            if (Accumulation is null) yield break;
            yield return ConfigProperty.Int("AccumulationSteps", Accumulation.Steps,
                "Micro-batches of BatchSize images per optimizer step, each loss divided by this.",
                GradientAccumulationPart.Options.RangeOf(nameof(GradientAccumulationPart.Steps)));
        }
    }

    /// <summary>Optimizer steps in an epoch whose batch count is <paramref name="batches"/>.</summary>
    public string StepsPerEpoch(string batches)
        => Accumulation is null ? batches : Qualified.GradientAccumulation + ".StepsPerEpoch(" + batches + ", config.AccumulationSteps)";

    /// <summary>The Plan's AccumulationSteps line, or null without accumulation.</summary>
    public string? PlanLine => Accumulation is null ? null : "AccumulationSteps = config.AccumulationSteps,";

    /// <summary>The images one optimizer step sees, for session.StepDone.</summary>
    public string StepImages(string microBatch) => Accumulation is null ? microBatch : "config.AccumulationSteps * " + microBatch;

    public override void ContributeExport(ExportBuilder export)
    {
        if (Accumulation is not null) export.Tricks.Add("GradientAccumulation");
    }
}
