namespace TrainDsl.Generators.Tests;

/// <summary>The recipes the baseline tests generate from; each covers a different set of parts.</summary>
internal static class Recipes
{
    /// <summary>The design example: its output (Baselines/Baseline) is the reference shape.</summary>
    public const string Baseline = """
        // The user's declaration that FashionBaseline.g.cs is generated from.
        namespace Example;

        /// <summary>The baseline recipe: a small CNN on Fashion-MNIST.</summary>
        [Experiment(Epochs = 6, BatchSize = 128, Seed = 1)]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Loss(CrossEntropy)]
        [Optimizer(Sgd, Momentum = 0.9, Nesterov = true, WeightDecay = 5e-4)]
        [Schedule(Cosine, Interval = PerStep)]
        [Metric(Accuracy)]
        [Metric(TopK, K = 5)]
        public partial class FashionBaseline;
        """;

    /// <summary>Focal loss with class weights, a per-epoch StepLR, top-3, MNIST, a ResNet and an explicit SGD rate.</summary>
    public const string FocalStepTopK = """
        namespace Recipes.Imbalanced;

        [Experiment(Epochs = 30, BatchSize = 64, Seed = 7)]
        [Data(Mnist, TrainLimit = 2000, TestLimit = 500)]
        [Model(ResNet20)]
        [Loss(Focal, Gamma = 1.5, Alpha = new[] { 1.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5 })]
        [Optimizer(Sgd, LearningRate = 0.025)]
        [Schedule(Step, StepSize = 10, Gamma = 0.5)]
        [Metric(TopK, K = 3)]
        public sealed partial class FocalMnist { }
        """;

    /// <summary>AdamW with its defaults changed, label-smoothed cross-entropy, a per-step MultiStepLR and the confusion-matrix metrics.</summary>
    public const string AdamWMultiStep = """
        namespace Recipes;

        [Experiment(Epochs = 12, BatchSize = 256)]
        [Data(FashionMnist)]
        [Model(ResNet18)]
        [Loss(CrossEntropy, LabelSmoothing = 0.1)]
        [Optimizer(AdamW, LearningRate = 3e-4, WeightDecay = 0.05, Beta2 = 0.98)]
        [Schedule(MultiStep, Milestones = new[] { 1000, 2000 }, Gamma = 0.2, Interval = PerStep)]
        [Metric(Accuracy)]
        [Metric(MacroF1)]
        [Metric(WeightedF1)]
        [Metric(BalancedAccuracy)]
        internal partial class AdamWSmoothed { }
        """;

    /// <summary>A user network type in the global namespace, no [Loss], [Schedule] or [Metric]: every default.</summary>
    public const string UserModelType = """
        using TorchSharp;
        using static TorchSharp.torch;

        public sealed class TinyNet : nn.Module<Tensor, Tensor>
        {
            private readonly TorchSharp.Modules.Linear _fc;

            public TinyNet(int inChannels, int classes) : base(nameof(TinyNet))
            {
                _fc = nn.Linear(inChannels * 28 * 28, classes);
                RegisterComponents();
            }

            public override Tensor forward(Tensor input) => _fc.forward(input.flatten(1));
        }

        [Experiment]
        [Data(FashionMnist)]
        [Model(typeof(TinyNet))]
        [Optimizer(Sgd)]
        partial class TinyDefaults { }
        """;

    /// <summary>A parameterless factory method, a per-epoch cosine schedule with a period and η_min, and a part not implemented yet.</summary>
    public const string FactoryMethod = """
        using TorchSharp;
        using static TorchSharp.torch;

        namespace Recipes.Factories;

        [Experiment(Epochs = 20, BatchSize = 96)]
        [Data(Mnist)]
        [Model(nameof(CreateNet))]
        [Optimizer(Sgd, Nesterov = true, WeightDecay = 1e-4)]
        [Schedule(Cosine, Period = 10, MinLr = 1e-5)]
        [Metric(Accuracy)]
        [Metric(TopK)]
        [Amp]
        public partial class FromFactory
        {
            private static nn.Module<Tensor, Tensor> CreateNet() =>
                nn.Sequential(nn.Flatten(), nn.Linear(28 * 28, 10));
        }
        """;

    /// <summary>Two experiments in an executable with no Main: the entry point lists both, in name order.</summary>
    public const string ExecutableZeta = """
        namespace App;

        [Experiment(Epochs = 2)]
        [Data(Mnist)]
        [Model(SmallCnn)]
        [Optimizer(AdamW)]
        [Schedule(Constant)]
        public partial class Zeta;
        """;

    public const string ExecutableAlpha = """
        namespace App;

        [Experiment(Epochs = 3, BatchSize = 32)]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd, Momentum = 0.5)]
        [Schedule(Plateau, Monitor = Loss)]
        [CutMix(Alpha = 1)]
        [Amp]
        public partial class Alpha;
        """;

    /// <summary>
    /// Every trick at once (He et al. 2019, "Bag of Tricks"): zero-γ ResNet-20, crop and flip, MixUp and CutMix with label
    /// smoothing, SGD without decay on biases, cosine after a warmup, best.bin by macro F1.
    /// </summary>
    public const string FullRecipe = """
        namespace Recipes.Full;

        [Experiment(Epochs = 30, BatchSize = 128, Seed = 3)]
        [Data(FashionMnist)]
        [Model(ResNet20)]
        [ZeroGamma]
        [RandomCrop(Padding = 4)]
        [HorizontalFlip]
        [MixUp(Alpha = 0.2)]
        [CutMix]
        [Loss(CrossEntropy, LabelSmoothing = 0.1)]
        [Optimizer(Sgd, Nesterov = true)]
        [NoBiasDecay]
        [Schedule(Cosine, WarmupEpochs = 5)]
        [Metric(Accuracy)]
        [Metric(MacroF1, Primary = true)]
        public partial class FullRecipe;
        """;

    /// <summary>A long-tailed MNIST with focal loss, MultiStep after a warmup, best.bin by balanced accuracy.</summary>
    public const string ImbalancedFocal = """
        namespace Recipes.LongTail;

        [Experiment(Epochs = 20, BatchSize = 64, Seed = 5)]
        [Data(Mnist, Imbalance = 50)]
        [Model(ResNet20)]
        [RandomCrop(Padding = 2)]
        [Loss(Focal, Gamma = 2)]
        [Optimizer(Sgd)]
        [Schedule(MultiStep, Milestones = new[] { 10, 15 }, WarmupEpochs = 2, WarmupStart = 0.25)]
        [Metric(Accuracy)]
        [Metric(BalancedAccuracy, Primary = true)]
        [Metric(MacroF1)]
        public partial class LongTailFocal;
        """;

    /// <summary>
    /// Distillation: a teacher experiment, a student that takes its newest run (with label smoothing on the hard
    /// targets), and a student of a module-type teacher with a checkpoint and MixUp (soft targets).
    /// </summary>
    public const string Distillation = """
        using TorchSharp;
        using static TorchSharp.torch;

        namespace Recipes.Distillation;

        public sealed class WideNet : nn.Module<Tensor, Tensor>
        {
            private readonly TorchSharp.Modules.Linear _fc;

            public WideNet(int inChannels, int classes) : base(nameof(WideNet))
            {
                _fc = nn.Linear(inChannels * 28 * 28, classes);
                RegisterComponents();
            }

            public override Tensor forward(Tensor input) => _fc.forward(input.flatten(1));
        }

        [Experiment(Epochs = 30)]
        [Data(FashionMnist)]
        [Model(ResNet56)]
        [Optimizer(Sgd)]
        [Schedule(Cosine)]
        public partial class Teacher;

        [Experiment(Epochs = 30)]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Distill(typeof(Teacher), Temperature = 4, Alpha = 0.9)]
        [Loss(CrossEntropy, LabelSmoothing = 0.1)]
        [Optimizer(Sgd)]
        [Schedule(Cosine)]
        public partial class Student;

        [Experiment(Epochs = 10)]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Distill(typeof(WideNet), Checkpoint = "teachers/wide.bin", Temperature = 2, Alpha = 0.5)]
        [MixUp]
        [Optimizer(AdamW)]
        public partial class MixedStudent;

        [Experiment(Epochs = 10)]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Distill(typeof(Teacher))]
        [Loss(Focal, Gamma = 2, Alpha = new[] { 1.0, 1, 1, 1, 1, 1, 2, 1, 1, 1 })]
        [CutMix]
        [Optimizer(Sgd)]
        public partial class FocalStudent;

        [Experiment(Epochs = 10)]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Distill(typeof(Teacher))]
        [Loss(Focal, Gamma = 1, LabelSmoothing = 0.1)]
        [Optimizer(Sgd)]
        public partial class SmoothedFocalStudent;
        """;

    /// <summary>
    /// A held-out validation set that selects best.bin, steps the plateau and stops early (macro F1, maximized); and early
    /// stopping on the test loss (minimized) without a validation split.
    /// </summary>
    public const string Validation = """
        namespace Recipes.Validation;

        [Experiment(Epochs = 20, BatchSize = 128)]
        [Data(FashionMnist, Validation = 0.1, TrainLimit = 5000)]
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        [Schedule(Plateau, Patience = 2)]
        [Metric(Accuracy)]
        [Metric(MacroF1, Primary = true)]
        [EarlyStopping(Patience = 4, MinDelta = 0.001)]
        public partial class HeldOut;

        [Experiment(Epochs = 10)]
        [Data(Mnist)]
        [Model(SmallCnn)]
        [Optimizer(AdamW)]
        [Metric(Loss, Primary = true)]
        [EarlyStopping]
        public partial class StopOnTestLoss;
        """;

    /// <summary>Plateau on the test loss after a warmup (AdamW without decay on biases), and plateau on a primary metric.</summary>
    public const string Plateau = """
        namespace Recipes.Plateaus;

        [Experiment(Epochs = 40, BatchSize = 256)]
        [Data(Mnist)]
        [Model(ResNet20)]
        [Optimizer(AdamW, WeightDecay = 0.05)]
        [NoBiasDecay]
        [Schedule(Plateau, Monitor = Loss, Factor = 0.5, Patience = 3, Cooldown = 1, MinLr = 1e-5, WarmupEpochs = 2)]
        [Metric(Accuracy)]
        [Metric(TopK, K = 3)]
        public partial class PlateauOnLoss;

        [Experiment(Epochs = 25)]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        [Schedule(Plateau, Patience = 2)]
        [Metric(Accuracy)]
        [Metric(MacroF1, Primary = true)]
        public partial class PlateauOnMacroF1;
        """;

    /// <summary>FMix then MixUp with [Mixing], a per-step cosine after a warmup in steps, best.bin by the lowest test loss.</summary>
    public const string FMix = """
        namespace Recipes.Masks;

        [Experiment(Epochs = 15)]
        [Data(FashionMnist, TrainLimit = 10000)]
        [Model(ResNet18)]
        [RandomCrop]
        [FMix(Alpha = 1, DecayPower = 3)]
        [MixUp(Alpha = 0.4)]
        [Mixing(Probability = 0.8, SwitchProbability = 0.3)]
        [Optimizer(AdamW)]
        [Schedule(Cosine, Interval = PerStep, WarmupSteps = 500)]
        [Metric(Loss, Primary = true)]
        [Metric(WeightedF1)]
        public partial class FMixRecipe;
        """;

    /// <summary>
    /// fp16 mixed precision with every branch of [Amp]: loss scaling, 16-bit evaluation, NCHW, a 16-bit teacher,
    /// mixing and no-bias-decay parameter groups on the fp32 master weights.
    /// </summary>
    public const string MixedPrecision = """
        namespace Recipes.Amp;

        [Experiment(Epochs = 12)]
        [Data(FashionMnist)]
        [Model(ResNet56)]
        [Optimizer(Sgd)]
        [Schedule(Cosine)]
        public partial class BigTeacher;

        [Experiment(Epochs = 12, BatchSize = 256)]
        [Data(FashionMnist)]
        [Model(ResNet20)]
        [Optimizer(Sgd, WeightDecay = 5e-4)]
        [NoBiasDecay]
        [Schedule(Cosine, WarmupEpochs = 1)]
        [CutMix]
        [Distill(typeof(BigTeacher), Temperature = 4)]
        [Amp(Float16, LowPrecisionEval = true, ChannelsLast = false)]
        [ClipGradNorm(MaxNorm = 5)]
        public partial class HalfStudent;
        """;

    /// <summary>
    /// Weight EMA and gradient accumulation: a plain loop whose step updates the average, and a bf16 loop of 4 mixed
    /// micro-batches per optimizer step with a per-step schedule and a warmed-up EMA.
    /// </summary>
    public const string EmaAccumulation = """
        namespace Recipes.Averaged;

        [Experiment(Epochs = 10)]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        [Ema]
        public partial class Averaged;

        [Experiment(Epochs = 20, BatchSize = 32)]
        [Data(FashionMnist)]
        [Model(ResNet20)]
        [Optimizer(Sgd)]
        [Schedule(Cosine, Interval = PerStep, WarmupSteps = 200)]
        [MixUp]
        [Amp]
        [Ema(Decay = 0.999, WarmupSteps = 2000)]
        [GradientAccumulation(Steps = 4)]
        public partial class Accumulated;
        """;

    /// <summary>
    /// CIFAR: ResNet-20 on CIFAR-10 with the crop and flip and the step decay of He et al. 2016, and ResNet-32 on
    /// CIFAR-100-LT (Cui et al. 2019: imbalance 100) with focal loss, best.bin by balanced accuracy, and WRN-28-10 with
    /// the recipe of Zagoruyko &amp; Komodakis 2016 (§3: Nesterov SGD, lr 0.1 ×0.2 at epochs 60, 120, 160, wd 5e-4).
    /// </summary>
    public const string Cifar = """
        namespace Recipes.Cifar;

        [Experiment(Epochs = 164, BatchSize = 128)]
        [Data(Cifar10)]
        [Model(ResNet20)]
        [RandomCrop(Padding = 4)]
        [HorizontalFlip]
        [Optimizer(Sgd, WeightDecay = 1e-4)]
        [Schedule(MultiStep, Milestones = new[] { 82, 123 })]
        public partial class CifarResNet;

        [Experiment(Epochs = 200)]
        [Data(Cifar100, Imbalance = 100)]
        [Model(ResNet32)]
        [RandomCrop(Padding = 4)]
        [HorizontalFlip]
        [Loss(Focal, Gamma = 1)]
        [Optimizer(Sgd, WeightDecay = 2e-4)]
        [Schedule(Cosine, WarmupEpochs = 5)]
        [Metric(Accuracy)]
        [Metric(BalancedAccuracy, Primary = true)]
        public partial class LongTailCifar100;

        [Experiment(Epochs = 200, BatchSize = 128)]
        [Data(Cifar10)]
        [Model(Wrn28x10)]
        [RandomCrop(Padding = 4)]
        [HorizontalFlip]
        [Optimizer(Sgd, LearningRate = 0.1, Nesterov = true, WeightDecay = 5e-4)]
        [Schedule(MultiStep, Milestones = new[] { 60, 120, 160 }, Gamma = 0.2)]
        public partial class WideCifar;
        """;

    /// <summary>Folders of the user's own images: RGB at 64 × 64 with the defaults, and grayscale with every option set.</summary>
    public const string ImageFolder = """
        namespace Recipes.Folders;

        [Experiment(Epochs = 30, BatchSize = 64)]
        [Data(ImageFolder, Path = "pets", Size = 64)]
        [Model(ResNet18)]
        [RandomCrop(Padding = 8)]
        [HorizontalFlip]
        [Optimizer(Sgd)]
        [Schedule(Cosine)]
        public partial class Pets;

        [Experiment(Epochs = 10)]
        [Data(ImageFolder, Path = "/srv/scans", Size = 28, Channels = 1, TestFraction = 0.1, BadImages = Refuse, TrainLimit = 5000)]
        [Model(SmallCnn)]
        [Optimizer(AdamW)]
        [Metric(MacroF1)]
        public partial class Scans;
        """;

    /// <summary>
    /// The Inception crop on RGB images: CIFAR-10 with resized crops of at least 35% of the image, a flip and CutMix, and
    /// an image folder with every option of the crop written (torchvision's defaults, the ratio as people round it).
    /// </summary>
    public const string ResizedCrop = """
        namespace Recipes.Inception;

        [Experiment(Epochs = 100, BatchSize = 128)]
        [Data(Cifar10)]
        [Model(ResNet20)]
        [RandomResizedCrop(MinScale = 0.35)]
        [HorizontalFlip]
        [CutMix]
        [Optimizer(Sgd, WeightDecay = 5e-4)]
        [Schedule(Cosine)]
        public partial class CifarInception;

        [Experiment(Epochs = 40, BatchSize = 64)]
        [Data(ImageFolder, Path = "flowers", Size = 96)]
        [Model(ResNet18)]
        [RandomResizedCrop(MinScale = 0.08, MaxScale = 1.0, MinRatio = 0.75, MaxRatio = 1.3333)]
        [HorizontalFlip]
        [Optimizer(AdamW)]
        public partial class Flowers;
        """;

    /// <summary>
    /// A data source of the user's (two Fashion-MNIST classes): CreateDataSource constructs it, the plan takes its name at
    /// run time, and the run checks its class balance since nothing is known of it at compile time.
    /// </summary>
    public const string UserDataSource = """
        using TrainDsl.Data;
        using static TorchSharp.torch;

        namespace Recipes.Own;

        /// <summary>T-shirts against shirts, the pair of Fashion-MNIST classes most often confused.</summary>
        public sealed class ShirtsSource : IDataSource
        {
            public string Name => "T-shirts vs shirts";

            public IReadOnlyList<string> ClassNames { get; } = ["T-shirt/top", "Shirt"];

            public int TrainSizeFor(DataOptions options) => options.TrainLimit is > 0 and < 12_000 ? options.TrainLimit : 12_000;

            public DatasetSplits Load(DataOptions options)
            {
                using var fashion = IdxDataset.FashionMnist.Load(options with { TrainLimit = 0, TestLimit = 0 });
                return new DatasetSplits(Pick(fashion.Train), Pick(fashion.Test), "T-shirts and shirts of " + fashion.Source).Limit(options);
            }

            private ImageDataset Pick(ImageDataset set)
            {
                using var scope = NewDisposeScope();
                var keep = set.Labels.eq(0).logical_or(set.Labels.eq(6)).nonzero().flatten();
                var labels = set.Labels.index_select(0, keep).eq(6).to(ScalarType.Int64);
                return new ImageDataset(set.Images.index_select(0, keep), labels, ClassNames, set.Mean, set.Std);
            }
        }

        [Experiment(Epochs = 5, BatchSize = 64)]
        [Data(typeof(ShirtsSource), TrainLimit = 4000)]
        [Model(SmallCnn)]
        [RandomCrop(Padding = 2)]
        [Optimizer(AdamW)]
        public partial class Shirts;
        """;
    /// <summary>Adam with AMSGrad and a cosine schedule; RMSprop centered, with momentum: TorchSharp's optimizers, PyTorch's options.</summary>
    public const string AdamAmsgrad = """
        namespace Recipes.Adaptive;

        [Experiment(Epochs = 8)]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Adam, LearningRate = 2e-3, Beta2 = 0.99, Amsgrad = true)]
        [Schedule(Cosine)]
        public partial class AmsgradCosine;
        """;

    public const string RmsPropCentered = """
        namespace Recipes.Adaptive;

        [Experiment(Epochs = 4)]
        [Data(Mnist)]
        [Model(SmallCnn)]
        [Optimizer(RmsProp, LearningRate = 1e-3, Alpha = 0.9, Momentum = 0.9, Centered = true, WeightDecay = 1e-5)]
        [NoBiasDecay]
        public partial class CenteredRms;
        """;

    /// <summary>
    /// The large-batch optimizers: LAMB with [NoBiasDecay] and a per-step one-cycle schedule; LARS whose rate comes from
    /// the linear scaling rule, with [NoBiasDecay].
    /// </summary>
    public const string LambOneCycle = """
        namespace Recipes.LargeBatch;

        [Experiment(Epochs = 20, BatchSize = 1024)]
        [Data(Cifar10)]
        [Model(ResNet20)]
        [Optimizer(Lamb, LearningRate = 4e-3, WeightDecay = 0.02)]
        [NoBiasDecay]
        [Schedule(OneCycle, Interval = PerStep, PctStart = 0.25)]
        public partial class LambOneCycle;
        """;

    public const string LarsScaled = """
        namespace Recipes.LargeBatch;

        [Experiment(Epochs = 30, BatchSize = 4096)]
        [Data(Cifar10)]
        [Model(ResNet20)]
        [Optimizer(Lars, TrustCoefficient = 0.02, Momentum = 0.9)]
        [NoBiasDecay]
        [Schedule(Cosine, WarmupEpochs = 5)]
        public partial class LarsScaled;
        """;

    /// <summary>
    /// Inheritance over <see cref="Baseline"/>: WithFMix adds FMix, a metric and a sweep; FocalFMix derives from it, merges
    /// [Experiment(Epochs = 10)] with the base's arguments and replaces the loss.
    /// </summary>
    public const string Inheritance = """
        namespace Example;

        /// <summary>The baseline with FMix: every other part comes from FashionBaseline.</summary>
        [FMix]
        [Metric(MacroF1)]
        [Sweep(nameof(Config.LearningRate), 0.05, 0.1, 0.2)]
        public partial class WithFMix : FashionBaseline;

        [Experiment(Epochs = 10)]
        [Loss(Focal, Gamma = 2)]
        public partial class FocalFMix : WithFMix;
        """;
}
