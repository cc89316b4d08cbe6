using System.Collections.Generic;

namespace TrainDsl.Generators.Emit;

/// <summary>
/// Where each type the generated code names lives, as the generated code writes it: <c>global::</c> and the full name.
/// Every emitter names runtime, TorchSharp and framework types through this table and the generated files have no
/// usings, so no type or namespace of the user's (a class ResNet next to the experiment, a namespace Acme.TrainDsl, a
/// global using) can hide or capture a name. Only a type of the user's named System, TorchSharp or TrainDsl in the
/// global namespace can change what <c>global::</c> finds (TD0030).
/// </summary>
internal static class Qualified
{
    private static readonly List<string> FullNames = new();

    /// <summary>Every type in the table by its full name (no <c>global::</c>), in declaration order; tests shadow each one.</summary>
    public static IReadOnlyList<string> All => FullNames;

    /// <summary>The namespaces the names start from, which only a type in the global namespace can hide.</summary>
    public static readonly string[] Roots = { "System", "TorchSharp", "TrainDsl" };

    // System. Generic types are written with their type arguments after the name.
    public static readonly string Math = Of("System.Math");
    public static readonly string IReadOnlyList = Of("System.Collections.Generic.IReadOnlyList");
    public static readonly string IReadOnlyDictionary = Of("System.Collections.Generic.IReadOnlyDictionary");
    public static readonly string KeyValuePair = Of("System.Collections.Generic.KeyValuePair");
    public static readonly string List = Of("System.Collections.Generic.List");
    public static readonly string Enumerable = Of("System.Linq.Enumerable");

    // TorchSharp.
    public static readonly string Torch = Of("TorchSharp.torch");
    public static readonly string Tensor = Of("TorchSharp.torch.Tensor");
    public static readonly string Nn = Of("TorchSharp.torch.nn");
    public static readonly string Optim = Of("TorchSharp.torch.optim");

    /// <summary>Every model's type: <c>nn.Module&lt;Tensor, Tensor&gt;</c>.</summary>
    public static readonly string Module = Of("TorchSharp.torch.nn.Module") + "<" + Tensor + ", " + Tensor + ">";

    // TrainDsl: shared facts (src/TrainDsl/Shared) and the exception.
    public static readonly string LinearScalingRule = Of("TrainDsl.LinearScalingRule");
    public static readonly string TrainDslException = Of("TrainDsl.TrainDslException");
    public static readonly string AmpPrecision = Of("TrainDsl.AmpPrecision");
    public static readonly string BadImagePolicy = Of("TrainDsl.BadImagePolicy");

    // TrainDsl.Runs.
    public static readonly string Check = Of("TrainDsl.Runs.Check"); // CheckAttribute, as an attribute is written
    public static readonly string ConfigCheck = Of("TrainDsl.Runs.ConfigCheck");
    public static readonly string Checkpoint = Of("TrainDsl.Runs.Checkpoint");
    public static readonly string ConfigOverrides = Of("TrainDsl.Runs.ConfigOverrides");
    public static readonly string EarlyStopping = Of("TrainDsl.Runs.EarlyStopping");
    public static readonly string EpochSteps = Of("TrainDsl.Runs.EpochSteps");
    public static readonly string Hyperparameters = Of("TrainDsl.Runs.Hyperparameters");
    public static readonly string IExperiment = Of("TrainDsl.Runs.IExperiment");
    public static readonly string PlanPhrase = Of("TrainDsl.Runs.PlanPhrase");
    public static readonly string RecipePlan = Of("TrainDsl.Runs.RecipePlan");
    public static readonly string RunFolder = Of("TrainDsl.Runs.RunFolder");
    public static readonly string RunSettings = Of("TrainDsl.Runs.RunSettings");
    public static readonly string RunSummary = Of("TrainDsl.Runs.RunSummary");
    public static readonly string TorchRuntime = Of("TrainDsl.Runs.TorchRuntime");
    public static readonly string TrainSession = Of("TrainDsl.Runs.TrainSession");

    // TrainDsl.Data.
    public static readonly string BatchLoader = Of("TrainDsl.Data.BatchLoader");
    public static readonly string CifarDataset = Of("TrainDsl.Data.CifarDataset");
    public static readonly string DataOptions = Of("TrainDsl.Data.DataOptions");
    public static readonly string DatasetSplits = Of("TrainDsl.Data.DatasetSplits");
    public static readonly string IDataSource = Of("TrainDsl.Data.IDataSource");
    public static readonly string IdxDataset = Of("TrainDsl.Data.IdxDataset");
    public static readonly string LongTail = Of("TrainDsl.Data.LongTail");
    public static readonly string ValidationSplit = Of("TrainDsl.Data.ValidationSplit");
    public static readonly string ImageFolderDataset = Of("TrainDsl.Data.ImageFolder.ImageFolderDataset");

    // The recipe's parts.
    public static readonly string RandomCrop = Of("TrainDsl.Augment.RandomCrop");
    public static readonly string RandomHorizontalFlip = Of("TrainDsl.Augment.RandomHorizontalFlip");
    public static readonly string RandomResizedCrop = Of("TrainDsl.Augment.RandomResizedCrop");
    public static readonly string CrossEntropyLoss = Of("TrainDsl.Losses.CrossEntropyLoss");
    public static readonly string DistillationLoss = Of("TrainDsl.Losses.DistillationLoss");
    public static readonly string FocalLoss = Of("TrainDsl.Losses.FocalLoss");
    public static readonly string SoftTargetCrossEntropy = Of("TrainDsl.Losses.SoftTargetCrossEntropy");
    public static readonly string ClassBalance = Of("TrainDsl.Metrics.ClassBalance");
    public static readonly string ConfusionMatrix = Of("TrainDsl.Metrics.ConfusionMatrix");
    public static readonly string TopKAccuracy = Of("TrainDsl.Metrics.TopKAccuracy");
    public static readonly string ModelCheck = Of("TrainDsl.Models.ModelCheck");
    public static readonly string ResNet = Of("TrainDsl.Models.ResNet");
    public static readonly string SmallCnn = Of("TrainDsl.Models.SmallCnn");
    public static readonly string WideResNet = Of("TrainDsl.Models.WideResNet");
    public static readonly string ZeroGamma = Of("TrainDsl.Models.ZeroGamma");
    public static readonly string GradientAccumulation = Of("TrainDsl.Optim.GradientAccumulation");
    public static readonly string Lamb = Of("TrainDsl.Optim.Lamb");
    public static readonly string Lars = Of("TrainDsl.Optim.Lars");
    public static readonly string NoBiasDecay = Of("TrainDsl.Optim.NoBiasDecay");
    public static readonly string OptimizerExtensions = Of("TrainDsl.Optim.OptimizerExtensions");
    public static readonly string ConstantSchedule = Of("TrainDsl.Schedules.ConstantSchedule");
    public static readonly string CosineAnnealingLR = Of("TrainDsl.Schedules.CosineAnnealingLR");
    public static readonly string ILrSchedule = Of("TrainDsl.Schedules.ILrSchedule");
    public static readonly string LearningRatePlan = Of("TrainDsl.Schedules.LearningRatePlan");
    public static readonly string LinearWarmup = Of("TrainDsl.Schedules.LinearWarmup");
    public static readonly string MultiStepLR = Of("TrainDsl.Schedules.MultiStepLR");
    public static readonly string OneCycleLR = Of("TrainDsl.Schedules.OneCycleLR");
    public static readonly string ReduceLROnPlateau = Of("TrainDsl.Schedules.ReduceLROnPlateau");
    public static readonly string StepLR = Of("TrainDsl.Schedules.StepLR");
    public static readonly string CutMix = Of("TrainDsl.Mixing.CutMix");
    public static readonly string FMix = Of("TrainDsl.Mixing.FMix");
    public static readonly string MixUp = Of("TrainDsl.Mixing.MixUp");
    public static readonly string MixingPolicy = Of("TrainDsl.Mixing.MixingPolicy");
    public static readonly string MixupTarget = Of("TrainDsl.Mixing.MixupTarget");
    public static readonly string LowPrecisionModel = Of("TrainDsl.Precision.LowPrecisionModel");
    public static readonly string MixedPrecision = Of("TrainDsl.Precision.MixedPrecision");
    public static readonly string CpuBf16 = Of("TrainDsl.Precision.CpuBf16");
    public static readonly string EmaDecay = Of("TrainDsl.Ema.EmaDecay");
    public static readonly string ModelEma = Of("TrainDsl.Ema.ModelEma");
    public static readonly string Prediction = Of("TrainDsl.Predict.Prediction");
    public static readonly string Predictor = Of("TrainDsl.Predict.Predictor");
    public static readonly string DeclaredParts = Of("TrainDsl.Export.DeclaredParts");
    public static readonly string TorchRecipe = Of("TrainDsl.Export.TorchRecipe");
    public static readonly string AblationVariant = Of("TrainDsl.Ablation.AblationVariant");
    public static readonly string ExperimentCli = Of("TrainDsl.Cli.ExperimentCli");

    /// <summary><c>IReadOnlyList&lt;T&gt;</c>.</summary>
    public static string ListOf(string type) => IReadOnlyList + "<" + type + ">";

    /// <summary>A run-time range check of a Config property, as its <c>[Check]</c> attribute takes it.</summary>
    public static string CheckOf(Generators.ConfigCheck check) => ConfigCheck + "." + check;

    private static string Of(string fullName)
    {
        FullNames.Add(fullName);
        return "global::" + fullName;
    }
}
