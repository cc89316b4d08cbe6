namespace TrainDsl.EndToEnd.Tests;

// Experiments with the recipe's tricks, trained for a few steps on a slice of Fashion-MNIST
// (about 1,000 training and 500 test images) by FullRecipeTests, DistillationTests,
// MixingReproducibilityTests and PlateauTests.

/// <summary>Every trick at once: zero-γ ResNet-20, crop, flip, MixUp and CutMix with label smoothing, no bias decay, cosine after a warmup.</summary>
[Experiment(Epochs = 2, BatchSize = 64, Seed = 3)]
[Data(FashionMnist, TrainLimit = 960, TestLimit = 500)]
[Model(ResNet20)]
[ZeroGamma]
[RandomCrop(Padding = 2)]
[HorizontalFlip]
[MixUp(Alpha = 0.2)]
[CutMix]
[Loss(CrossEntropy, LabelSmoothing = 0.1)]
[Optimizer(Sgd, Nesterov = true)]
[NoBiasDecay]
[Schedule(Cosine, WarmupEpochs = 1)]
[Metric(Accuracy)]
[Metric(MacroF1, Primary = true)]
public partial class FullRecipeRun;

/// <summary>The teacher the distillation tests train first.</summary>
[Experiment(Epochs = 1, BatchSize = 64, Seed = 4)]
[Data(FashionMnist, TrainLimit = 960, TestLimit = 500)]
[Model(SmallCnn)]
[Optimizer(Sgd)]
public partial class DistillTeacher;

/// <summary>A student of DistillTeacher's newest run, on CutMix batches (so the distillation loss takes soft targets).</summary>
[Experiment(Epochs = 2, BatchSize = 64, Seed = 5)]
[Data(FashionMnist, TrainLimit = 960, TestLimit = 500)]
[Model(SmallCnn)]
[Distill(typeof(DistillTeacher), Temperature = 4, Alpha = 0.9)]
[CutMix]
[Optimizer(Sgd)]
public partial class DistillStudent;

/// <summary>Every random part of the step at once, to check a seed reproduces a run.</summary>
[Experiment(Epochs = 1, BatchSize = 64, Seed = 11)]
[Data(FashionMnist, TrainLimit = 1280, TestLimit = 500)]
[Model(SmallCnn)]
[RandomCrop]
[HorizontalFlip]
[MixUp]
[CutMix]
[FMix]
[Mixing(Probability = 0.9)]
[Loss(CrossEntropy, LabelSmoothing = 0.1)]
[Optimizer(Sgd)]
public partial class MixedSeeds;

/// <summary>
/// A plateau schedule after one warmup epoch that must cut the rate: with Patience = 0 and Threshold = 0.9 an
/// epoch only counts as better when it lowers the test loss to a tenth, so every epoch after the first stalls.
/// </summary>
[Experiment(Epochs = 4, BatchSize = 64, Seed = 2)]
[Data(FashionMnist, TrainLimit = 320, TestLimit = 200)]
[Model(SmallCnn)]
[Optimizer(Sgd)]
[Schedule(Plateau, Monitor = Loss, Factor = 0.5, Patience = 0, Threshold = 0.9, WarmupEpochs = 1)]
[Metric(Accuracy)]
public partial class PlateauRun;

// The project card's recipe: focal loss on CutMix's soft targets, a cosine schedule, bf16 mixed precision.
[Experiment(Epochs = 2, BatchSize = 64, Seed = 5)]
[Data(FashionMnist, TrainLimit = 960, TestLimit = 500)]
[Model(SmallCnn)]
[Loss(Focal, Gamma = 2)]
[Optimizer(Sgd)]
[Schedule(Cosine)]
[CutMix]
[Amp]
public partial class CardRecipeRun;

/// <summary>The Inception crop and a flip, to check the seed and a resume reproduce the boxes (ResizedCropRunTests).</summary>
[Experiment(Epochs = 2, BatchSize = 64, Seed = 13)]
[Data(FashionMnist, TrainLimit = 320, TestLimit = 200)]
[Model(SmallCnn)]
[RandomResizedCrop(MinScale = 0.35)]
[HorizontalFlip]
[Optimizer(Sgd)]
public partial class ResizedCropRun;
