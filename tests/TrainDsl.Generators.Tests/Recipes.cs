namespace TrainDsl.Generators.Tests;

/// <summary>The recipes the baseline tests generate from; each covers a different set of parts.</summary>
internal static class Recipes
{
    /// <summary>The design example (docs/design/FashionBaseline.cs): its output is the reference shape.</summary>
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

    /// <summary>A parameterless factory method, a per-epoch cosine schedule with a period and η_min, and a later part.</summary>
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
        [ZeroGamma]
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
        [Schedule(Plateau)]
        [CutMix(Alpha = 1)]
        public partial class Alpha;
        """;
}
