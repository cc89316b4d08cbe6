namespace TrainDsl.Generators.Parts.Optimizer;

/// <summary>Where the base learning rate comes from.</summary>
internal enum LearningRateSource
{
    /// <summary>Written in <c>[Optimizer(LearningRate = ..)]</c>.</summary>
    Declared,

    /// <summary>SGD or LARS without a learning rate: 0.1 × batch / 256 (Goyal et al. 2017).</summary>
    LinearScalingRule,

    /// <summary>The optimizer's default (AdamW, Adam, LAMB: 0.001; RMSprop: 0.01).</summary>
    Default,
}

/// <param name="LearningRate">The base rate; for the linear scaling rule, its value at the declared batch size.</param>
/// <param name="NoBiasDecay">[NoBiasDecay]: biases and norm parameters get no weight decay (and, for LARS and LAMB, no trust ratio).</param>
/// <remarks>An option the kind does not take holds its default and is not emitted.</remarks>
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
    bool Amsgrad,
    double Alpha,
    bool Centered,
    double TrustCoefficient,
    bool NoBiasDecay)
{
    /// <summary>The declared optimizer with its defaults; an SGD or LARS rate left out comes from the linear scaling rule.</summary>
    public static ResolvedOptimizer Resolve(OptimizerPart optimizer, int batchSize, bool noBiasDecay)
    {
        var kind = optimizer.Optimizer!.Value;
        var (learningRate, source) = optimizer.LearningRate is { } lr
            ? (lr.Value, LearningRateSource.Declared)
            : LinearScalingRule.AppliesTo(kind)
                ? (LinearScalingRule.LearningRate(batchSize), LearningRateSource.LinearScalingRule)
                : (DefaultLearningRate(kind), LearningRateSource.Default);
        return new ResolvedOptimizer(
            kind,
            learningRate,
            source,
            optimizer.Momentum?.Value ?? kind switch
            {
                OptimizerKind.RmsProp => Defaults.RmsPropMomentum,
                OptimizerKind.Lars => Defaults.LarsMomentum,
                _ => Defaults.SgdMomentum,
            },
            optimizer.Nesterov?.Value ?? Defaults.SgdNesterov,
            optimizer.WeightDecay?.Value ?? DefaultWeightDecay(kind),
            optimizer.Beta1?.Value ?? (kind == OptimizerKind.Lamb ? Defaults.LambBeta1 : kind == OptimizerKind.Adam ? Defaults.AdamBeta1 : Defaults.AdamWBeta1),
            optimizer.Beta2?.Value ?? (kind == OptimizerKind.Lamb ? Defaults.LambBeta2 : kind == OptimizerKind.Adam ? Defaults.AdamBeta2 : Defaults.AdamWBeta2),
            optimizer.Epsilon?.Value ?? kind switch
            {
                OptimizerKind.Adam => Defaults.AdamEpsilon,
                OptimizerKind.RmsProp => Defaults.RmsPropEpsilon,
                OptimizerKind.Lamb => Defaults.LambEpsilon,
                _ => Defaults.AdamWEpsilon,
            },
            optimizer.Amsgrad?.Value ?? Defaults.AdamAmsgrad,
            optimizer.Alpha?.Value ?? Defaults.RmsPropAlpha,
            optimizer.Centered?.Value ?? Defaults.RmsPropCentered,
            optimizer.TrustCoefficient?.Value ?? Defaults.LarsTrustCoefficient,
            noBiasDecay);
    }

    /// <summary>The weight decay of <paramref name="kind"/> when none is written.</summary>
    public static double DefaultWeightDecay(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Sgd => Defaults.SgdWeightDecay,
        OptimizerKind.AdamW => Defaults.AdamWWeightDecay,
        OptimizerKind.Adam => Defaults.AdamWeightDecay,
        OptimizerKind.RmsProp => Defaults.RmsPropWeightDecay,
        OptimizerKind.Lars => Defaults.LarsWeightDecay,
        _ => Defaults.LambWeightDecay,
    };

    private static double DefaultLearningRate(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Adam => Defaults.AdamLearningRate,
        OptimizerKind.RmsProp => Defaults.RmsPropLearningRate,
        OptimizerKind.Lamb => Defaults.LambLearningRate,
        _ => Defaults.AdamWLearningRate,
    };
}
