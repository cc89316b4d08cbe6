// Shared source: compiled into the runtime and linked into the generator (see RecipeKinds.cs).
#if TRAINDSL_GENERATOR
namespace TrainDsl.Generators;
#else
namespace TrainDsl;
#endif

/// <summary>
/// Every default of the recipe, in one place: what an omitted attribute or argument means. The analyzer's
/// rules and the generator's resolver read these; the runtime's classes take them as their own defaults.
/// </summary>
internal static class Defaults
{
    public const int Epochs = 10;
    public const int BatchSize = 128;
    public const int Seed = 0;

    public const int TrainLimit = 0;
    public const int TestLimit = 0;

    /// <summary>The long tail's n_max / n_min; 1 keeps the training set balanced.</summary>
    public const double Imbalance = 1;

    /// <summary>The imbalance ratio n_max / n_min at or above which accuracy alone misleads.</summary>
    public const double ImbalanceThreshold = 3.0;

    /// <summary>An image folder's path when none is declared: the data root itself (--data, $TRAINDSL_DATA).</summary>
    public const string ImageFolderPath = ".";

    /// <summary>An image folder's channels: RGB.</summary>
    public const int ImageChannels = 3;

    /// <summary>The share of each class an image folder of one tree holds out for test.</summary>
    public const double TestFraction = 0.2;

    public const BadImagePolicy BadImages = BadImagePolicy.Skip;

    /// <summary>Early stopping: epochs without improvement of the primary metric before the run stops (Lightning's 3).</summary>
    public const int EarlyStoppingPatience = 3;
    /// <summary>Early stopping: the least change of the primary metric that counts as an improvement.</summary>
    public const double EarlyStoppingMinDelta = 0;

    public const LossKind Loss = LossKind.CrossEntropy;
    public const double FocalGamma = 2;
    public const double LabelSmoothing = 0;

    public const double SgdMomentum = 0.9;
    public const bool SgdNesterov = false;
    public const double SgdWeightDecay = 5e-4;

    public const double AdamWLearningRate = 1e-3;
    public const double AdamWWeightDecay = 0.01;
    public const double AdamWBeta1 = 0.9;
    public const double AdamWBeta2 = 0.999;
    public const double AdamWEpsilon = 1e-8;

    // Adam and RMSprop, with PyTorch's defaults.
    public const double AdamLearningRate = 1e-3;
    public const double AdamWeightDecay = 0;
    public const double AdamBeta1 = 0.9;
    public const double AdamBeta2 = 0.999;
    public const double AdamEpsilon = 1e-8;
    public const bool AdamAmsgrad = false;

    public const double RmsPropLearningRate = 1e-2;
    public const double RmsPropAlpha = 0.99;
    public const double RmsPropEpsilon = 1e-8;
    public const double RmsPropMomentum = 0;
    public const double RmsPropWeightDecay = 0;
    public const bool RmsPropCentered = false;

    // LARS: SGD's momentum and decay (its rate comes from the linear scaling rule too), the paper's η.
    public const double LarsMomentum = 0.9;
    public const double LarsWeightDecay = 5e-4;
    public const double LarsTrustCoefficient = 1e-3;

    // LAMB, with the paper's and timm's defaults.
    public const double LambLearningRate = 1e-3;
    public const double LambWeightDecay = 0.01;
    public const double LambBeta1 = 0.9;
    public const double LambBeta2 = 0.999;
    public const double LambEpsilon = 1e-6;

    public const ScheduleKind Schedule = ScheduleKind.Constant;
    public const ScheduleInterval Interval = ScheduleInterval.PerEpoch;
    public const int StepSize = 30;
    public const double StepGamma = 0.1;
    public const double MultiStepGamma = 0.1;
    public const double CosineMinLr = 0;

    /// <summary>CosineAnnealingLR T_max; 0 means the whole run (all epochs, or all steps per-step).</summary>
    public const int CosinePeriod = 0;

    public const int WarmupEpochs = 0;
    public const int WarmupSteps = 0;

    /// <summary>The warmup's first rate as a fraction of the base rate (PyTorch LinearLR's start_factor).</summary>
    public const double WarmupStart = 0.1;

    // ReduceLROnPlateau, with PyTorch's defaults.
    public const double PlateauFactor = 0.1;
    public const int PlateauPatience = 10;
    public const double PlateauThreshold = 1e-4;
    public const int PlateauCooldown = 0;

    // OneCycleLR, with PyTorch's defaults (Smith & Topin 2018).
    public const double OneCyclePctStart = 0.3;
    public const double OneCycleDivFactor = 25;
    public const double OneCycleFinalDivFactor = 1e4;
    public const bool OneCycleThreePhase = false;

    public const int CropPadding = 4;
    public const double FlipProbability = 0.5;

    // RandomResizedCrop, with torchvision's defaults (the Inception crop of Szegedy et al. 2015).
    public const double ResizedCropMinScale = 0.08;
    public const double ResizedCropMaxScale = 1;
    public const double ResizedCropMinRatio = 3.0 / 4;
    public const double ResizedCropMaxRatio = 4.0 / 3;

    public const double MixUpAlpha = 0.8;
    public const double CutMixAlpha = 1;
    public const double FMixAlpha = 1;
    public const double FMixDecayPower = 3;
    public const double MixProbability = 1;
    public const double SwitchProbability = 0.5;

    public const double DistillTemperature = 4;
    public const double DistillAlpha = 0.9;

    // Weight EMA (timm's ModelEmaV2/V3): the decay, and ModelEmaV3's warmup of it (off unless WarmupSteps is written).
    public const double EmaDecay = 0.9999;
    public const int EmaWarmupSteps = 0;
    public const double EmaWarmupPower = 2.0 / 3;

    /// <summary>Micro-batches per optimizer step: 1 accumulates nothing.</summary>
    public const int AccumulationSteps = 1;

    public const MetricKind Metric = MetricKind.Accuracy;
    public const int TopK = 5;
}
