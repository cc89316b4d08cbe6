namespace FashionMnistExample;

/// <summary>
/// The whole modern recipe beside the baseline (He et al. 2019, "Bag of Tricks"; timm): ResNet-20,
/// padded random crops and flips, MixUp or CutMix on every batch with label smoothing, no weight
/// decay on biases and norms, zero-γ residual branches, and a cosine schedule after a one-epoch
/// linear warmup. Macro-F1 on a held-out tenth of the training set picks the best epoch.
/// </summary>
[Experiment(Epochs = 6, BatchSize = 128, Seed = 1)]
[Data(FashionMnist, Validation = 0.1)]
[Model(ResNet20)]
[RandomCrop(Padding = 2)]
[HorizontalFlip]
[MixUp(Alpha = 0.2)]
[CutMix(Alpha = 1.0)]
[Loss(CrossEntropy, LabelSmoothing = 0.1)]
[Optimizer(Sgd, Momentum = 0.9, Nesterov = true, WeightDecay = 5e-4)]
[NoBiasDecay]
[ZeroGamma]
[Schedule(Cosine, Interval = PerStep, WarmupEpochs = 1)]
[Metric(Accuracy)]
[Metric(MacroF1, Primary = true)]
public partial class FashionFullRecipe;
