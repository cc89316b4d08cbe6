namespace TrainDsl.Generators.Parts.Optimizer;

/// <summary>Where the base learning rate comes from.</summary>
internal enum LearningRateSource
{
    /// <summary>Written in <c>[Optimizer(LearningRate = ..)]</c>.</summary>
    Declared,

    /// <summary>SGD without a learning rate: 0.1 × batch / 256 (Goyal et al. 2017).</summary>
    LinearScalingRule,

    /// <summary>The optimizer's default (AdamW: 0.001).</summary>
    Default,
}

/// <param name="LearningRate">The base rate; for the linear scaling rule, its value at the declared batch size.</param>
/// <param name="NoBiasDecay">[NoBiasDecay]: biases and norm parameters get no weight decay.</param>
internal sealed record ResolvedOptimizer(
    OptimizerKind Kind,
    double LearningRate,
    LearningRateSource LearningRateSource,
    double Momentum,
    bool Nesterov,
    double WeightDecay,
    double Beta1,
    double Beta2,
    double Epsilon,
    bool NoBiasDecay)
{
    /// <summary>The declared optimizer with its defaults; an SGD rate left out comes from the linear scaling rule.</summary>
    public static ResolvedOptimizer Resolve(OptimizerPart optimizer, int batchSize, bool noBiasDecay)
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
}
