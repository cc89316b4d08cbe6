namespace TrainDsl.Generators.Model;

/// <summary>
/// A valid experiment with every default applied: what the emitter writes. Built by
/// <see cref="Rules.ExperimentResolver"/> only when no rule reports an error.
/// </summary>
/// <param name="Source">The dataset: built in, or a type of the user's.</param>
/// <param name="Validation">The share of each training class held out for validation ([Data(Validation = ..)]); null holds none.</param>
/// <param name="Imbalance">The long tail's ratio when [Data(Imbalance = ..)] is written; null keeps the data as loaded.</param>
/// <param name="Metrics">The declared metrics other than Loss (the test loss is always reported), or Accuracy when none is declared.</param>
/// <param name="Primary">The metric that selects best.bin.</param>
/// <param name="Mixing">The mixed-sample methods, null when none is declared.</param>
/// <param name="Distill">The distillation teacher, null when [Distill] is not declared.</param>
/// <param name="Amp">Mixed precision, null when [Amp] is not declared.</param>
/// <param name="Ema">The weight EMA, null when [Ema] is not declared.</param>
/// <param name="Accumulation">Gradient accumulation, null when [GradientAccumulation] is not declared.</param>
/// <param name="EarlyStopping">Early stopping on the primary metric, null when [EarlyStopping] is not declared.</param>
/// <param name="MaxGradNorm">The gradient norm [ClipGradNorm] clips to, null when it is not declared.</param>
/// <param name="Ablation">The recipe without each declared trick in turn (ablate), checked by the rules.</param>
/// <param name="Additions">The plain baseline, then it plus each declared trick alone (ablate --add).</param>
internal sealed record ResolvedExperiment(
    string? Namespace,
    string Name,
    int Epochs,
    int BatchSize,
    int Seed,
    ResolvedDataSource Source,
    int TrainLimit,
    int TestLimit,
    double? Imbalance,
    double? Validation,
    ResolvedModel Model,
    ResolvedLoss Loss,
    ResolvedOptimizer Optimizer,
    ResolvedSchedule Schedule,
    EquatableArray<ResolvedMetric> Metrics,
    ResolvedMetric Primary,
    ResolvedAugment Augment,
    ResolvedMixing? Mixing,
    ResolvedDistill? Distill,
    ResolvedAmp? Amp,
    ResolvedEma? Ema,
    ResolvedGradientAccumulation? Accumulation,
    ResolvedEarlyStopping? EarlyStopping,
    double? MaxGradNorm,
    EquatableArray<ResolvedVariant> Ablation,
    EquatableArray<ResolvedVariant> Additions)
{
    /// <summary>The declared [Sweep] grids, for <c>IExperiment.DeclaredSweep</c>.</summary>
    public EquatableArray<ResolvedSweep> Sweeps { get; init; } = EquatableArray<ResolvedSweep>.Empty;

    /// <summary>The base experiment whose generated members this one's hide; null when it derives from object.</summary>
    public BaseExperiment? Base { get; init; }

    /// <summary>The parts taken from a base experiment, for the plan.</summary>
    public EquatableArray<PartOrigin> Inherited { get; init; } = EquatableArray<PartOrigin>.Empty;

    /// <summary><c>"new "</c> on a member that hides the base experiment's generated member of the same signature, else empty.</summary>
    public string Hides => Base is null ? "" : "new ";

    /// <summary>The class name as C# source writes it: <c>@class</c> for a keyword.</summary>
    public string Identifier => CSharpLiteral.Identifier(Name);

    /// <summary><c>global::Ns.Name</c>.</summary>
    public string FullyQualifiedName => Namespace is null ? "global::" + Identifier : "global::" + Namespace + "." + Identifier;

    /// <summary><c>Ns.Name</c>.</summary>
    public string FullName => Namespace is null ? Name : Namespace + "." + Name;
}
