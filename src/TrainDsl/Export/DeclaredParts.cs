namespace TrainDsl.Export;

/// <summary>
/// Every declared part of an experiment by kind, as its generated <c>DeclaredParts</c> lists them: what
/// <c>export-torch</c> writes as recipe.json's "parts", for a trainer outside TrainDsl to rebuild the recipe.
/// The values (rates, α, ε) are the Config's; a trick switched off there (<c>--set ZeroGamma=false</c>) stays listed.
/// </summary>
public sealed record DeclaredParts
{
    /// <summary>The built-in dataset (FashionMnist, Mnist, Cifar10, Cifar100, ImageFolder), or Custom for a user's IDataSource.</summary>
    public required string Data { get; init; }

    /// <summary>The built-in model (SmallCnn, ResNet18/20/32/56), or <c>Custom:&lt;type or factory&gt;</c> for the user's.</summary>
    public required string Model { get; init; }

    /// <summary>The per-image augmentations in step order: RandomResizedCrop, RandomCrop, HorizontalFlip.</summary>
    public IReadOnlyList<string> Augment { get; init; } = [];

    /// <summary>The mixed-sample methods in declaration order: MixUp, CutMix, FMix.</summary>
    public IReadOnlyList<string> Mixing { get; init; } = [];

    /// <summary>CrossEntropy or Focal.</summary>
    public required string Loss { get; init; }

    /// <summary>With [Distill]: the teacher's model, as <see cref="Model"/> names one; null without a teacher.</summary>
    public string? TeacherModel { get; init; }

    /// <summary>Whether [Distill] is declared.</summary>
    public bool Distill => TeacherModel is not null;

    /// <summary>Sgd, AdamW, Adam, RmsProp, Lars or Lamb.</summary>
    public required string Optimizer { get; init; }

    /// <summary>Constant, Step, MultiStep, Cosine, OneCycle or Plateau.</summary>
    public required string Schedule { get; init; }

    /// <summary>PerEpoch or PerStep.</summary>
    public required string ScheduleInterval { get; init; }

    /// <summary>The metric kinds in declaration order (the test loss is always reported).</summary>
    public IReadOnlyList<string> Metrics { get; init; } = [];

    /// <summary>The declared tricks: NoBiasDecay, ZeroGamma, Amp, Ema, EarlyStopping, GradientAccumulation, ClipGradNorm.</summary>
    public IReadOnlyList<string> Tricks { get; init; } = [];

    /// <summary>Whether the model is the user's own TorchSharp module, which cannot be translated.</summary>
    public bool HasUserModel => Model.StartsWith(CustomPrefix, StringComparison.Ordinal);

    /// <summary>The prefix of a user's model or teacher: <c>Custom:Ns.MyNet</c>.</summary>
    public const string CustomPrefix = "Custom:";

    /// <summary>The prefix of a model given as a Python class: <c>Python:my_net.py:MyNet</c>.</summary>
    public const string PythonPrefix = "Python:";
}
