namespace TrainDsl.Generators.Model;

/// <summary>
/// A valid experiment with every default applied: what the emitter writes. Built by
/// <see cref="Rules.ExperimentResolver"/> only when no rule reports an error.
/// </summary>
/// <param name="Imbalance">The long tail's ratio when [Data(Imbalance = ..)] is written; null keeps the data as loaded.</param>
/// <param name="Metrics">The declared metrics other than Loss (the test loss is always reported), or Accuracy when none is declared.</param>
/// <param name="Primary">The metric that selects best.bin.</param>
/// <param name="Mixing">The mixed-sample methods, null when none is declared.</param>
/// <param name="Distill">The distillation teacher, null when [Distill] is not declared.</param>
/// <param name="Amp">Mixed precision, null when [Amp] is not declared.</param>
internal sealed record ResolvedExperiment(
    string? Namespace,
    string Name,
    int Epochs,
    int BatchSize,
    int Seed,
    DatasetKind Dataset,
    int TrainLimit,
    int TestLimit,
    double? Imbalance,
    ResolvedModel Model,
    ResolvedLoss Loss,
    ResolvedOptimizer Optimizer,
    ResolvedSchedule Schedule,
    EquatableArray<ResolvedMetric> Metrics,
    ResolvedMetric Primary,
    ResolvedAugment Augment,
    ResolvedMixing? Mixing,
    ResolvedDistill? Distill,
    ResolvedAmp? Amp)
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
/// <param name="ZeroGamma">[ZeroGamma]: the last BatchNorm of each residual branch starts at γ = 0.</param>
internal sealed record ResolvedModel(
    ModelSource Source,
    ModelKind BuiltIn,
    string Reference,
    string DisplayName,
    ModelArguments Arguments,
    bool ZeroGamma);

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
    bool NoBiasDecay);

/// <param name="IsDeclared">False when the experiment has no <c>[Schedule]</c> (constant rate).</param>
/// <param name="WarmupEpochs">Linear warmup over this many epochs; 0 for none.</param>
/// <param name="WarmupSteps">Linear warmup over this many steps (per-step schedules); 0 for none.</param>
/// <param name="Monitor">For Plateau: the metric it watches.</param>
internal sealed record ResolvedSchedule(
    ScheduleKind Kind,
    bool IsDeclared,
    ScheduleInterval Interval,
    int StepSize,
    double Gamma,
    EquatableArray<int> Milestones,
    double MinLr,
    int Period,
    int WarmupEpochs,
    int WarmupSteps,
    double WarmupStart,
    ResolvedMetric? Monitor,
    double Factor,
    int Patience,
    double Threshold,
    int Cooldown)
{
    public bool HasWarmup => WarmupEpochs > 0 || WarmupSteps > 0;
}

/// <param name="K">For TopK: k; Accuracy is top-1.</param>
internal sealed record ResolvedMetric(MetricKind Kind, int K);

/// <summary>Per-image augmentations of the training batch; null when not declared.</summary>
internal sealed record ResolvedAugment(int? CropPadding, double? FlipProbability);

/// <param name="Methods">In declaration order: the first is the base method.</param>
/// <param name="Probability">[Mixing(Probability)], when [Mixing] is declared.</param>
/// <param name="SwitchProbability">[Mixing(SwitchProbability)], when [Mixing] is declared and there are several methods.</param>
internal sealed record ResolvedMixing(
    EquatableArray<ResolvedMixMethod> Methods,
    double? Probability,
    double? SwitchProbability);

/// <param name="DecayPower">FMix's spectral decay δ; unused by the others.</param>
internal sealed record ResolvedMixMethod(MixMethodKind Kind, double Alpha, double DecayPower);

/// <param name="Kind">Experiment or Module.</param>
/// <param name="Reference">The teacher type's <c>global::</c> name.</param>
/// <param name="Name">As the plan shows it.</param>
/// <param name="Checkpoint">The declared checkpoint; null takes the teacher experiment's newest run.</param>
internal sealed record ResolvedDistill(
    TeacherKind Kind,
    string Reference,
    string Name,
    ModelArguments Arguments,
    string? Checkpoint,
    double Temperature,
    double Alpha);
