using System.Collections.Generic;

namespace TrainDsl.Generators.Emit;

/// <summary>
/// The names the generated code declares in the experiment class and the simple names it refers to, which a
/// class, member or type of the user's must not take (TD0030). GeneratedNamesTests checks both lists against
/// what every baseline recipe actually generates, so they stay the emitters' one source of truth.
/// </summary>
internal static class GeneratedNames
{
    /// <summary>Members the generated part declares in the experiment class (any recipe).</summary>
    public static readonly HashSet<string> Members = new HashSet<string>(System.StringComparer.Ordinal)
    {
        "AblationVariants", "AdditionVariants", "ClassBalanceNotes", "Config", "DeclaredParts", "DeclaredSweep", "CreateDataSource", "CreateModel", "CreateSchedule",
        "CropSeedOffset", "DataOptionsFor", "EvalBatchSize", "Evaluate", "ExperimentName", "ExportRecipe", "FlipSeedOffset", "LoadPredictor", "LoadTeacher",
        "LongTailClassSizes",
        "Metrics", "MixingSeedOffset", "Plan", "Predict", "ResizedCropSeedOffset", "Runner", "TeacherCheckpointFor", "Train", "TrainResult",
    };

    /// <summary>Types, namespaces and statically imported members the generated code names without qualification.</summary>
    public static readonly HashSet<string> Referenced = new HashSet<string>(System.StringComparer.Ordinal)
    {
        // TorchSharp's static classes, and var (a type named var would be what every var declares).
        "torch", "nn", "optim", "var",
        // System.
        "Array", "Math", "IReadOnlyList", "IReadOnlyDictionary", "KeyValuePair", "List", "Tensor", "CultureInfo",
        // TrainDsl.
        "AdamWGroups", "AmpPrecision", "BadImagePolicy", "BatchLoader", "Checkpoint", "CifarDataset", "ClassBalance", "ConfigCheck",
        "Check", "ConfigOverrides", "ConfusionMatrix", "ConstantSchedule", "CosineAnnealingLR", "CrossEntropyLoss", "CutMix",
        "DataOptions", "DatasetSplits", "DistillationLoss", "FMix", "FocalLoss", "Hyperparameters", "IDataSource", "IExperiment",
        "ILrSchedule", "IdxDataset", "ImageFolderDataset", "LearningRatePlan", "LinearWarmup", "LongTail", "LowPrecisionModel",
        "MixUp", "MixingPolicy", "ModelCheck", "MultiStepLR", "RandomResizedCrop", "NoBiasDecay", "PlanPhrase", "RandomCrop", "RandomHorizontalFlip",
        "RecipePlan", "ReduceLROnPlateau", "ResNet", "RunFolder", "RunSettings", "RunSummary", "SmallCnn", "SoftTargetCrossEntropy",
        "StepLR", "TopKAccuracy", "TorchRuntime", "TrainDslException", "TrainSession", "ZeroGamma", "BalancedAccuracy", "ClassCounts",
        "MixedPrecision", "MixupTarget", "Precision", "Scaler", "GradScaler", "DataLoaded", "Lars", "Lamb", "OneCycleLR",
        "Predictor", "Prediction", "AblationVariant", "ModelEma", "EmaDecay", "GradientAccumulation", "EarlyStopping", "ValidationSplit",
        "EpochSteps", "WideResNet",
        // The entry point's class, in the global namespace.
        "TrainDslProgram",
    };

    /// <summary>
    /// Names the generated code takes in the global namespace: the roots its usings start from (<c>global::System</c>), and
    /// the entry point's class. A type of the user's with one of these names in the global namespace makes them ambiguous,
    /// so it is a clash wherever the experiment is.
    /// </summary>
    public static readonly HashSet<string> GlobalNames = new HashSet<string>(System.StringComparer.Ordinal)
    {
        "System", "TorchSharp", "TrainDsl", "TrainDslProgram",
    };

    /// <summary>Whether the generated code declares or refers to <paramref name="name"/>.</summary>
    public static bool Contains(string name) => Members.Contains(name) || Referenced.Contains(name);
}
