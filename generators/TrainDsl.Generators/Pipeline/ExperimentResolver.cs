using System.Collections.Generic;
using System.Linq;

namespace TrainDsl.Generators.Pipeline;

/// <summary>
/// Turns a declaration into what the emitter writes, each part resolving itself with its defaults. Returns null
/// when the declaration is malformed or a rule reports an error: the generator then emits nothing, and the
/// analyzer explains why.
/// </summary>
internal static class ExperimentResolver
{
    public static ResolvedExperiment? Resolve(ExperimentDeclaration declaration)
    {
        if (declaration.HasMalformedAttribute) return null;
        if (RecipeRules.Check(declaration).Any(d => d.IsError)) return null;

        var experiment = Build(declaration);
        // Derived here, not in Build: each variant is checked with the rules, and a rule may itself Build (SweepRule).
        var (ablation, additions) = AblationVariants.Derive(declaration, d => RecipeRules.Check(d));
        return experiment with
        {
            Ablation = ablation,
            Additions = additions,
            Sweeps = ResolvedSweep.ResolveAll(declaration.Sweeps, ConfigProperties(experiment)),
            Base = declaration.Base is { } @base ? BaseExperiment.Of(@base) : null,
            Inherited = declaration.Inherited,
        };
    }

    /// <summary>The generated Config's properties, in order: what [Sweep] and <c>--set</c> can name.</summary>
    public static IReadOnlyList<ConfigProperty> ConfigProperties(ResolvedExperiment experiment)
        => new RecipeParts(experiment).All.SelectMany(p => p.ConfigProperties).ToList();

    /// <summary>
    /// The declaration with defaults applied, without checking it (and without ablation variants): only for a declaration
    /// whose rules report no error (they guarantee the required parts and their kinds are present).
    /// </summary>
    public static ResolvedExperiment Build(ExperimentDeclaration declaration)
    {
        var data = declaration.Data!;
        var experiment = declaration.Experiment;
        var metrics = ResolvedMetric.ResolveAll(declaration.Metrics);

        return new ResolvedExperiment(
            declaration.Namespace,
            declaration.Name,
            experiment.EpochsOrDefault,
            experiment.BatchSizeOrDefault,
            experiment.Seed?.Value ?? Defaults.Seed,
            ResolvedDataSource.Resolve(data),
            data.TrainLimit?.Value ?? Defaults.TrainLimit,
            data.TestLimit?.Value ?? Defaults.TestLimit,
            data.Imbalance?.Value,
            data.Validation?.Value,
            ResolvedModel.Resolve(declaration.Model!, declaration.ZeroGamma is not null),
            ResolvedLoss.Resolve(declaration.Loss),
            ResolvedOptimizer.Resolve(declaration.Optimizer!, declaration.EffectiveBatchSize, declaration.NoBiasDecay is not null),
            ResolvedSchedule.Resolve(declaration),
            metrics,
            ResolvedMetric.Primary(declaration.Metrics) ?? (declaration.Metrics.IsEmpty ? metrics[0] : ResolvedMetric.Resolve(declaration.Metrics[0])),
            ResolvedAugment.Resolve(declaration.RandomCrop, declaration.RandomResizedCrop, declaration.HorizontalFlip),
            ResolvedMixing.Resolve(declaration.MixMethods, declaration.Mixing),
            ResolvedDistill.Resolve(declaration.Distill),
            ResolvedAmp.Resolve(declaration.Amp),
            ResolvedEma.Resolve(declaration.Ema),
            ResolvedGradientAccumulation.Resolve(declaration.GradientAccumulation),
            ResolvedEarlyStopping.Resolve(declaration.EarlyStopping),
            ClipGradNormPart.Resolve(declaration.ClipGradNorm),
            EquatableArray<ResolvedVariant>.Empty,
            EquatableArray<ResolvedVariant>.Empty);
    }
}
