using System.Collections.Generic;
using System.Linq;
using TrainDsl.Generators.Model;

namespace TrainDsl.Generators.Rules;

/// <summary>
/// Applies <see cref="Defaults"/> to a declaration. Returns null when the declaration is malformed or a
/// rule reports an error: the generator then emits nothing, and the analyzer explains why.
/// </summary>
internal static class ExperimentResolver
{
    public static ResolvedExperiment? Resolve(ExperimentDeclaration declaration)
    {
        if (declaration.HasMalformedAttribute) return null;
        if (RecipeRules.Check(declaration).Any(d => d.IsError)) return null;

        // The rules guarantee the required parts and their kinds are present from here on.
        var data = declaration.Data!;
        var batchSize = Defaults.BatchSizeOf(declaration);
        var notes = new List<string>();
        foreach (var part in declaration.Unsupported) notes.Add(NotSupported("[" + part.Name + "]"));

        return new ResolvedExperiment(
            declaration.Namespace,
            declaration.Name,
            Defaults.EpochsOf(declaration),
            batchSize,
            declaration.Experiment.Seed?.Value ?? Defaults.Seed,
            data.Dataset!.Value,
            data.TrainLimit?.Value ?? Defaults.TrainLimit,
            data.TestLimit?.Value ?? Defaults.TestLimit,
            ResolveModel(declaration.Model!),
            ResolveLoss(declaration.Loss),
            ResolveOptimizer(declaration.Optimizer!, batchSize),
            ResolveSchedule(declaration.Schedule, notes),
            ResolveMetrics(declaration.Metrics),
            notes.ToEquatableArray());
    }

    private static string NotSupported(string part) => part + " is not supported yet and was ignored.";

    private static ResolvedModel ResolveModel(ModelPart model)
    {
        if (model.Type is { } type)
            return new ResolvedModel(ModelSource.Type, default, type.FullyQualifiedName, type.Name, type.Arguments);
        if (model.Factory is { } factory)
            return new ResolvedModel(ModelSource.FactoryMethod, default, factory.Name, factory.Name + "()", factory.Arguments);
        var kind = model.BuiltIn!.Value;
        return new ResolvedModel(ModelSource.BuiltIn, kind, kind.ToString(), kind.ToString(), ModelArguments.ChannelsAndClasses);
    }

    private static ResolvedLoss ResolveLoss(LossPart? loss)
    {
        var kind = loss?.Loss?.Value ?? Defaults.Loss;
        return new ResolvedLoss(
            kind,
            kind == LossKind.CrossEntropy ? loss?.LabelSmoothing?.Value : null,
            loss?.Gamma?.Value ?? Defaults.FocalGamma,
            kind == LossKind.Focal ? loss?.Alpha?.Value ?? EquatableArray<double>.Empty : EquatableArray<double>.Empty);
    }

    private static ResolvedOptimizer ResolveOptimizer(OptimizerPart optimizer, int batchSize)
    {
        var kind = optimizer.Optimizer!.Value;
        var sgd = kind == OptimizerKind.Sgd;
        var (learningRate, source) = optimizer.LearningRate is { } lr
            ? (lr.Value, LearningRateSource.Declared)
            : sgd
                ? (LinearScalingRule.LearningRate(batchSize), LearningRateSource.LinearScalingRule)
                : (Defaults.AdamWLearningRate, LearningRateSource.Default);
        return new ResolvedOptimizer(
            kind,
            learningRate,
            source,
            optimizer.Momentum?.Value ?? Defaults.SgdMomentum,
            optimizer.Nesterov?.Value ?? Defaults.SgdNesterov,
            optimizer.WeightDecay?.Value ?? (sgd ? Defaults.SgdWeightDecay : Defaults.AdamWWeightDecay),
            optimizer.Beta1?.Value ?? Defaults.AdamWBeta1,
            optimizer.Beta2?.Value ?? Defaults.AdamWBeta2,
            optimizer.Epsilon?.Value ?? Defaults.AdamWEpsilon);
    }

    private static ResolvedSchedule ResolveSchedule(SchedulePart? schedule, List<string> notes)
    {
        var kind = schedule?.Schedule?.Value ?? Defaults.Schedule;
        if (kind == ScheduleKind.Plateau)
        {
            notes.Add(NotSupported("[Schedule(Plateau)]"));
            kind = ScheduleKind.Constant;
        }
        if (schedule?.WarmupEpochs is { Value: > 0 }) notes.Add(NotSupported("WarmupEpochs"));

        return new ResolvedSchedule(
            kind,
            schedule is not null,
            schedule?.Interval?.Value ?? Defaults.Interval,
            schedule?.StepSize?.Value ?? Defaults.StepSize,
            schedule?.Gamma?.Value ?? (kind == ScheduleKind.MultiStep ? Defaults.MultiStepGamma : Defaults.StepGamma),
            schedule?.Milestones?.Value ?? EquatableArray<int>.Empty,
            schedule?.MinLr?.Value ?? Defaults.CosineMinLr,
            schedule?.Period?.Value ?? Defaults.CosinePeriod);
    }

    private static EquatableArray<ResolvedMetric> ResolveMetrics(EquatableArray<MetricPart> metrics)
    {
        var resolved = new List<ResolvedMetric>();
        foreach (var metric in metrics)
        {
            var kind = metric.Metric!.Value;
            var item = new ResolvedMetric(kind, kind == MetricKind.TopK ? metric.K?.Value ?? Defaults.TopK : 1);
            if (!resolved.Contains(item)) resolved.Add(item); // TD0012 reports the duplicate
        }
        if (resolved.Count == 0) resolved.Add(new ResolvedMetric(Defaults.Metric, 1));
        return resolved.ToEquatableArray();
    }
}
