namespace TrainDsl.Generators.Model;

/// <summary>
/// A valid experiment with every default applied: what the emitter writes. Built by
/// <see cref="Rules.ExperimentResolver"/> only when no rule reports an error.
/// </summary>
/// <param name="Notes">One sentence per declared part the loop ignores (TD0100), for the plan.</param>
internal sealed record ResolvedExperiment(
    string? Namespace,
    string Name,
    int Epochs,
    int BatchSize,
    int Seed,
    DatasetKind Dataset,
    int TrainLimit,
    int TestLimit,
    ResolvedModel Model,
    ResolvedLoss Loss,
    ResolvedOptimizer Optimizer,
    ResolvedSchedule Schedule,
    EquatableArray<ResolvedMetric> Metrics,
    EquatableArray<string> Notes)
{
    /// <summary><c>global::Ns.Name</c>.</summary>
    public string FullyQualifiedName => Namespace is null ? "global::" + Name : "global::" + Namespace + "." + Name;

    /// <summary><c>Ns.Name</c>.</summary>
    public string FullName => Namespace is null ? Name : Namespace + "." + Name;
}

/// <summary>Where the network comes from.</summary>
internal enum ModelSource { BuiltIn, Type, FactoryMethod }

/// <param name="Reference">The built-in's name, the type's <c>global::</c> name, or the factory's name.</param>
/// <param name="DisplayName">As the plan shows it: "SmallCnn", "MyNet", "CreateNet()".</param>
internal sealed record ResolvedModel(
    ModelSource Source,
    ModelKind BuiltIn,
    string Reference,
    string DisplayName,
    ModelArguments Arguments);

/// <param name="LabelSmoothing">Cross-entropy's ε when declared; null leaves it out of the config.</param>
/// <param name="FocalAlpha">Focal per-class weights; empty means unweighted.</param>
internal sealed record ResolvedLoss(
    LossKind Kind,
    double? LabelSmoothing,
    double FocalGamma,
    EquatableArray<double> FocalAlpha);

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
internal sealed record ResolvedOptimizer(
    OptimizerKind Kind,
    double LearningRate,
    LearningRateSource LearningRateSource,
    double Momentum,
    bool Nesterov,
    double WeightDecay,
    double Beta1,
    double Beta2,
    double Epsilon);

/// <param name="IsDeclared">False when the experiment has no <c>[Schedule]</c> (constant rate).</param>
internal sealed record ResolvedSchedule(
    ScheduleKind Kind,
    bool IsDeclared,
    ScheduleInterval Interval,
    int StepSize,
    double Gamma,
    EquatableArray<int> Milestones,
    double MinLr,
    int Period);

/// <param name="K">For TopK: k; Accuracy is top-1.</param>
internal sealed record ResolvedMetric(MetricKind Kind, int K);
