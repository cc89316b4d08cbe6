namespace TrainDsl.Generators.Model;

/// <summary>
/// An <c>[Experiment]</c> class exactly as declared: only what the user wrote, no defaults applied. For a class deriving
/// from an experiment, what it and its base experiments wrote, combined by <see cref="ExperimentInheritance.Merge"/>.
/// The rules check it; <see cref="Rules.ExperimentResolver"/> turns it into a <see cref="ResolvedExperiment"/>.
/// </summary>
/// <param name="Namespace">The containing namespace, or null for the global namespace.</param>
/// <param name="Name">The class name.</param>
/// <param name="Identifier">The class name token of the declaration carrying <c>[Experiment]</c>.</param>
/// <param name="MixMethods">[MixUp], [CutMix] and [FMix] in declaration order.</param>
/// <param name="UnknownOptions">Named arguments that name no property of their attribute (TD0026).</param>
/// <param name="HiddenRecipeWords">Recipe words that mean a namespace or type of the user's instead (TD0041).</param>
/// <param name="NameClashes">The user's names that the generated code declares or refers to (TD0030).</param>
/// <param name="HasMalformedAttribute">An attribute has a compile error; the compiler reports it and nothing is generated.</param>
internal sealed record ExperimentDeclaration(
    string? Namespace,
    string Name,
    ClassShape Shape,
    LocationInfo? Identifier,
    ExperimentPart Experiment,
    DataPart? Data,
    ModelPart? Model,
    LossPart? Loss,
    OptimizerPart? Optimizer,
    SchedulePart? Schedule,
    EquatableArray<MetricPart> Metrics,
    RandomCropPart? RandomCrop,
    RandomResizedCropPart? RandomResizedCrop,
    HorizontalFlipPart? HorizontalFlip,
    EquatableArray<MixMethodPart> MixMethods,
    MixingPart? Mixing,
    DistillPart? Distill,
    TrickPart? ZeroGamma,
    TrickPart? NoBiasDecay,
    AmpPart? Amp,
    EmaPart? Ema,
    GradientAccumulationPart? GradientAccumulation,
    EarlyStoppingPart? EarlyStopping,
    ClipGradNormPart? ClipGradNorm,
    EquatableArray<UnknownOption> UnknownOptions,
    EquatableArray<HiddenRecipeWord> HiddenRecipeWords,
    EquatableArray<NameClash> NameClashes,
    bool HasMalformedAttribute)
{
    /// <summary>[Sweep] grids in declaration order, the base's first (a derived [Sweep] of the same property replaces the base's).</summary>
    public EquatableArray<SweepPart> Sweeps { get; init; } = EquatableArray<SweepPart>.Empty;

    /// <summary>The base experiment's combined recipe; null for an experiment deriving from object.</summary>
    public ExperimentDeclaration? Base { get; init; }

    /// <summary>The parts taken from a base experiment, and which class declared each.</summary>
    public EquatableArray<PartOrigin> Inherited { get; init; } = EquatableArray<PartOrigin>.Empty;

    /// <summary>Set when the topmost [Experiment] class derives from a class that is no experiment (TD0051).</summary>
    public NonExperimentBase? NonExperimentBase { get; init; }

    /// <summary>The name as C# code refers to it from anywhere: <c>global::Ns.Name</c>.</summary>
    public string FullyQualifiedName => Namespace is null ? "global::" + Name : "global::" + Namespace + "." + Name;

    /// <summary>The images of one optimizer step: BatchSize × [GradientAccumulation]'s Steps, what the linear scaling rule scales with.</summary>
    public int EffectiveBatchSize => Experiment.BatchSizeOrDefault * (GradientAccumulation?.StepsOrDefault ?? 1);

    /// <summary>The metadata-style name, used for ordering and file names: <c>Ns.Name</c>.</summary>
    public string FullName => Namespace is null ? Name : Namespace + "." + Name;
}

/// <summary>What kind of class carries <c>[Experiment]</c>: only top-level, non-generic, partial classes (not records) are supported.</summary>
/// <param name="ContainingType">For a nested class, the containing type's name; null at namespace level.</param>
internal sealed record ClassShape(bool IsPartial, string? ContainingType, bool IsGeneric, bool IsRecord);

/// <summary>A named argument that names no property of its attribute, e.g. PyTorch's <c>gamma</c> on <c>[Loss]</c>.</summary>
/// <param name="Attribute">The attribute as written in messages: "Loss".</param>
/// <param name="Options">The attribute's properties, which the argument could have meant.</param>
internal sealed record UnknownOption(string Attribute, string Name, EquatableArray<string> Options, LocationInfo? Location);
