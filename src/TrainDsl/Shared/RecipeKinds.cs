// The recipe's vocabulary: the kinds a recipe chooses from and, for the runtime, their names as constants.
// Shared source: compiled into the runtime (namespace TrainDsl) and linked into the generator, which reads
// attribute arguments as numbers. One file, so the two can never disagree; append only, as the numbers are
// what users' compiled attributes hold.
#if TRAINDSL_GENERATOR
namespace TrainDsl.Generators;
#else
namespace TrainDsl;
#endif

/// <summary>
/// A built-in dataset, or <see cref="ImageFolder"/>: class folders of your own images (<c>[Data(typeof(T))]</c> names
/// a source of your own).
/// </summary>
public enum DatasetKind { FashionMnist = 0, Mnist = 1, Cifar10 = 2, Cifar100 = 3, ImageFolder = 4 }

/// <summary>What loading an image folder does with files the decoder cannot read (corrupt, truncated, empty, not an image).</summary>
public enum BadImagePolicy
{
    /// <summary>Train without them, naming each in the log and counting them in the source sentence.</summary>
    Skip = 0,
    /// <summary>Stop with one sentence listing them, so nothing trains on a set that is not what the folder says.</summary>
    Refuse = 1,
}

/// <summary>
/// A built-in model architecture: SmallCnn and WideCnn (the same at twice the width), ResNets (He et al. 2016) and wide
/// ResNets WRN-d-k (Zagoruyko &amp; Komodakis 2016).
/// </summary>
public enum ModelKind
{
    SmallCnn = 0, ResNet18 = 1, ResNet20 = 2, ResNet32 = 3, ResNet56 = 4,
    Wrn16x2 = 5, Wrn16x4 = 6, Wrn16x8 = 7, Wrn28x10 = 8, Wrn40x4 = 9,
    WideCnn = 10,
}

/// <summary>A classification loss.</summary>
public enum LossKind { CrossEntropy = 0, Focal = 1 }

/// <summary>
/// An optimizer: SGD, AdamW, Adam and RMSprop as in PyTorch; LARS and LAMB, the layer-wise large-batch optimizers
/// (You et al. 2017, 2019).
/// </summary>
public enum OptimizerKind { Sgd = 0, AdamW = 1, Adam = 2, RmsProp = 3, Lars = 4, Lamb = 5 }

/// <summary>A learning-rate schedule.</summary>
public enum ScheduleKind { Constant = 0, Step = 1, MultiStep = 2, Cosine = 3, Plateau = 4, OneCycle = 5 }

/// <summary>How often a schedule advances.</summary>
public enum ScheduleInterval { PerEpoch = 0, PerStep = 1 }

/// <summary>An evaluation metric. <see cref="MetricKind.Loss"/> is the test cross-entropy, always reported; name it to monitor it.</summary>
public enum MetricKind { Accuracy = 0, TopK = 1, MacroF1 = 2, WeightedF1 = 3, BalancedAccuracy = 4, Loss = 5 }

/// <summary>The 16-bit type that <see cref="AmpAttribute"/> runs forward and backward in.</summary>
public enum AmpPrecision { BFloat16 = 0, Float16 = 1 }

#if !TRAINDSL_GENERATOR
/// <summary>
/// The recipe's vocabulary as constants, so a declaration reads <c>[Loss(Focal, Gamma = 2)]</c>.
/// The package imports this class with <c>using static</c> in every project that references it.
/// </summary>
public static class Recipe
{
    public const DatasetKind FashionMnist = DatasetKind.FashionMnist;
    public const DatasetKind Mnist = DatasetKind.Mnist;
    public const DatasetKind Cifar10 = DatasetKind.Cifar10;
    public const DatasetKind Cifar100 = DatasetKind.Cifar100;
    public const DatasetKind ImageFolder = DatasetKind.ImageFolder;

    public const BadImagePolicy Skip = BadImagePolicy.Skip;
    public const BadImagePolicy Refuse = BadImagePolicy.Refuse;

    public const ModelKind SmallCnn = ModelKind.SmallCnn;
    public const ModelKind WideCnn = ModelKind.WideCnn;
    public const ModelKind ResNet18 = ModelKind.ResNet18;
    public const ModelKind ResNet20 = ModelKind.ResNet20;
    public const ModelKind ResNet32 = ModelKind.ResNet32;
    public const ModelKind ResNet56 = ModelKind.ResNet56;
    public const ModelKind Wrn16x2 = ModelKind.Wrn16x2;
    public const ModelKind Wrn16x4 = ModelKind.Wrn16x4;
    public const ModelKind Wrn16x8 = ModelKind.Wrn16x8;
    public const ModelKind Wrn28x10 = ModelKind.Wrn28x10;
    public const ModelKind Wrn40x4 = ModelKind.Wrn40x4;

    public const LossKind CrossEntropy = LossKind.CrossEntropy;
    public const LossKind Focal = LossKind.Focal;

    public const OptimizerKind Sgd = OptimizerKind.Sgd;
    public const OptimizerKind AdamW = OptimizerKind.AdamW;
    public const OptimizerKind Adam = OptimizerKind.Adam;
    public const OptimizerKind RmsProp = OptimizerKind.RmsProp;
    public const OptimizerKind Lars = OptimizerKind.Lars;
    public const OptimizerKind Lamb = OptimizerKind.Lamb;

    public const ScheduleKind Constant = ScheduleKind.Constant;
    public const ScheduleKind Step = ScheduleKind.Step;
    public const ScheduleKind MultiStep = ScheduleKind.MultiStep;
    public const ScheduleKind Cosine = ScheduleKind.Cosine;
    public const ScheduleKind Plateau = ScheduleKind.Plateau;
    public const ScheduleKind OneCycle = ScheduleKind.OneCycle;

    public const ScheduleInterval PerEpoch = ScheduleInterval.PerEpoch;
    public const ScheduleInterval PerStep = ScheduleInterval.PerStep;

    public const MetricKind Accuracy = MetricKind.Accuracy;
    public const MetricKind TopK = MetricKind.TopK;
    public const MetricKind MacroF1 = MetricKind.MacroF1;
    public const MetricKind WeightedF1 = MetricKind.WeightedF1;
    public const MetricKind BalancedAccuracy = MetricKind.BalancedAccuracy;
    public const MetricKind Loss = MetricKind.Loss;

    public const AmpPrecision BFloat16 = AmpPrecision.BFloat16;
    public const AmpPrecision Float16 = AmpPrecision.Float16;
}
#endif
