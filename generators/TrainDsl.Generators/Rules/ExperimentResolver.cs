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
        var metrics = ResolveMetrics(declaration.Metrics);

        return new ResolvedExperiment(
            declaration.Namespace,
            declaration.Name,
            Defaults.EpochsOf(declaration),
            batchSize,
            declaration.Experiment.Seed?.Value ?? Defaults.Seed,
            data.Dataset!.Value,
            data.TrainLimit?.Value ?? Defaults.TrainLimit,
            data.TestLimit?.Value ?? Defaults.TestLimit,
            data.Imbalance?.Value,
            ResolveModel(declaration.Model!, declaration.ZeroGamma is not null),
            ResolveLoss(declaration.Loss),
            ResolveOptimizer(declaration.Optimizer!, batchSize, declaration.NoBiasDecay is not null),
            ResolveSchedule(declaration),
            metrics,
            PrimaryMetric(declaration.Metrics) ?? (declaration.Metrics.IsEmpty ? metrics[0] : Resolve(declaration.Metrics[0])),
            new ResolvedAugment(
                declaration.RandomCrop is { } crop ? crop.Padding?.Value ?? Defaults.CropPadding : null,
                declaration.HorizontalFlip is { } flip ? flip.Probability?.Value ?? Defaults.FlipProbability : null),
            ResolveMixing(declaration.MixMethods, declaration.Mixing),
            ResolveDistill(declaration.Distill),
            declaration.Amp is { } amp
                ? new ResolvedAmp(amp.Precision?.Value ?? AmpPrecision.BFloat16, amp.LowPrecisionEval?.Value ?? false, amp.ChannelsLast?.Value ?? true)
                : null);
    }

    private static ResolvedModel ResolveModel(ModelPart model, bool zeroGamma)
    {
        if (model.Type is { } type)
            return new ResolvedModel(ModelSource.Type, default, type.FullyQualifiedName, type.Name, type.Arguments, zeroGamma);
        if (model.Factory is { } factory)
            return new ResolvedModel(ModelSource.FactoryMethod, default, factory.Name, factory.Name + "()", factory.Arguments, zeroGamma);
        var kind = model.BuiltIn!.Value;
        return new ResolvedModel(ModelSource.BuiltIn, kind, kind.ToString(), kind.ToString(), ModelArguments.ChannelsAndClasses, zeroGamma);
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

    private static ResolvedOptimizer ResolveOptimizer(OptimizerPart optimizer, int batchSize, bool noBiasDecay)
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
            optimizer.Epsilon?.Value ?? Defaults.AdamWEpsilon,
            noBiasDecay);
    }

    private static ResolvedSchedule ResolveSchedule(ExperimentDeclaration declaration)
    {
        var schedule = declaration.Schedule;
        var kind = schedule?.Schedule?.Value ?? Defaults.Schedule;
        var monitor = kind == ScheduleKind.Plateau ? MonitoredMetric(declaration) : null;
        return new ResolvedSchedule(
            kind,
            schedule is not null,
            kind == ScheduleKind.Plateau ? ScheduleInterval.PerEpoch : schedule?.Interval?.Value ?? Defaults.Interval,
            schedule?.StepSize?.Value ?? Defaults.StepSize,
            schedule?.Gamma?.Value ?? (kind == ScheduleKind.MultiStep ? Defaults.MultiStepGamma : Defaults.StepGamma),
            schedule?.Milestones?.Value ?? EquatableArray<int>.Empty,
            schedule?.MinLr?.Value ?? Defaults.CosineMinLr,
            schedule?.Period?.Value ?? Defaults.CosinePeriod,
            schedule?.WarmupEpochs?.Value ?? Defaults.WarmupEpochs,
            schedule?.WarmupSteps?.Value ?? Defaults.WarmupSteps,
            schedule?.WarmupStart?.Value ?? Defaults.WarmupStart,
            monitor,
            schedule?.Factor?.Value ?? Defaults.PlateauFactor,
            schedule?.Patience?.Value ?? Defaults.PlateauPatience,
            schedule?.Threshold?.Value ?? Defaults.PlateauThreshold,
            schedule?.Cooldown?.Value ?? Defaults.PlateauCooldown);
    }

    /// <summary>
    /// What Plateau watches: Monitor, else the metric marked Primary (the rules require one of them).
    /// TopK means the first declared TopK.
    /// </summary>
    public static ResolvedMetric? MonitoredMetric(ExperimentDeclaration declaration)
    {
        if (declaration.Schedule?.Monitor is not { } monitor) return PrimaryMetric(declaration.Metrics);
        if (monitor.Value != MetricKind.TopK) return new ResolvedMetric(monitor.Value, 1);
        var topK = declaration.Metrics.FirstOrDefault(m => m.Metric?.Value == MetricKind.TopK);
        return topK is null ? null : new ResolvedMetric(MetricKind.TopK, topK.K?.Value ?? Defaults.TopK);
    }

    /// <summary>The metric declared with Primary = true, if any.</summary>
    public static ResolvedMetric? PrimaryMetric(EquatableArray<MetricPart> metrics)
    {
        var primary = metrics.FirstOrDefault(m => m.Primary is { Value: true } && m.Metric is not null);
        return primary is null ? null : Resolve(primary);
    }

    private static ResolvedMetric Resolve(MetricPart metric)
    {
        var kind = metric.Metric!.Value;
        return new ResolvedMetric(kind, kind == MetricKind.TopK ? metric.K?.Value ?? Defaults.TopK : 1);
    }

    private static EquatableArray<ResolvedMetric> ResolveMetrics(EquatableArray<MetricPart> metrics)
    {
        var resolved = new List<ResolvedMetric>();
        foreach (var metric in metrics)
        {
            var item = Resolve(metric);
            // The test loss is always reported; TD0012 reports a duplicate.
            if (item.Kind != MetricKind.Loss && !resolved.Contains(item)) resolved.Add(item);
        }
        if (metrics.IsEmpty) resolved.Add(new ResolvedMetric(Defaults.Metric, 1));
        return resolved.ToEquatableArray();
    }

    private static ResolvedMixing? ResolveMixing(EquatableArray<MixMethodPart> methods, MixingPart? mixing)
    {
        if (methods.IsEmpty) return null; // TD0009 reports a lone [Mixing]
        var resolved = methods.Select(m => new ResolvedMixMethod(
            m.Kind,
            m.Alpha?.Value ?? m.Kind switch
            {
                MixMethodKind.MixUp => Defaults.MixUpAlpha,
                MixMethodKind.CutMix => Defaults.CutMixAlpha,
                _ => Defaults.FMixAlpha,
            },
            m.DecayPower?.Value ?? Defaults.FMixDecayPower));
        return new ResolvedMixing(
            resolved.ToEquatableArray(),
            mixing is null ? null : mixing.Probability?.Value ?? Defaults.MixProbability,
            mixing is null || methods.Count < 2 ? null : mixing.SwitchProbability?.Value ?? Defaults.SwitchProbability);
    }

    private static ResolvedDistill? ResolveDistill(DistillPart? distill)
    {
        if (distill?.Teacher is not { } teacher) return null;
        return new ResolvedDistill(
            teacher.Kind,
            teacher.FullyQualifiedName,
            teacher.Name,
            teacher.Arguments,
            distill.Checkpoint?.Value,
            distill.Temperature?.Value ?? Defaults.DistillTemperature,
            distill.Alpha?.Value ?? Defaults.DistillAlpha);
    }
}
