namespace TrainDsl.EndToEnd.Tests;

// Experiments whose plans are compared with PyTorch's LinearLR chained or sequenced with the schedulers
// (references/recipe_references.py, "warmup" cases). BatchSize 256 makes the SGD rate 0.1 by the scaling rule.

/// <summary>SequentialLR([LinearLR(0.1), CosineAnnealingLR(T_max = 8)], milestones = [2]), 10 epochs.</summary>
[Experiment(Epochs = 10, BatchSize = 256)]
[Data(FashionMnist)]
[Model(SmallCnn)]
[Optimizer(Sgd)]
[Schedule(Cosine, WarmupEpochs = 2)]
public partial class CosineWarmupPlan;

/// <summary>ChainedScheduler([LinearLR(0.1, 5), StepLR(3, 0.1)]), 21 epochs.</summary>
[Experiment(Epochs = 21, BatchSize = 256)]
[Data(FashionMnist)]
[Model(SmallCnn)]
[Optimizer(Sgd)]
[Schedule(Step, StepSize = 3, Gamma = 0.1, WarmupEpochs = 5)]
public partial class StepWarmupPlan;

/// <summary>ChainedScheduler([LinearLR(0.25, 3), MultiStepLR([2, 5, 5, 9], 0.1)]), 16 epochs.</summary>
[Experiment(Epochs = 16, BatchSize = 256)]
[Data(FashionMnist)]
[Model(SmallCnn)]
[Optimizer(Sgd)]
[Schedule(MultiStep, Milestones = new[] { 2, 5, 5, 9 }, Gamma = 0.1, WarmupEpochs = 3, WarmupStart = 0.25)]
public partial class MultiStepWarmupPlan;

/// <summary>LinearLR(0.1, 5) alone, 13 epochs.</summary>
[Experiment(Epochs = 13, BatchSize = 256)]
[Data(FashionMnist)]
[Model(SmallCnn)]
[Optimizer(Sgd)]
[Schedule(Constant, WarmupEpochs = 5)]
public partial class ConstantWarmupPlan;

/// <summary>Per step: SequentialLR([LinearLR(0.1, 936), CosineAnnealingLR(T_max = 3744)], [936]) at 468 steps per epoch, rate 0.05.</summary>
[Experiment(Epochs = 10, BatchSize = 128)]
[Data(FashionMnist)]
[Model(SmallCnn)]
[Optimizer(Sgd)]
[Schedule(Cosine, Interval = PerStep, WarmupEpochs = 2)]
public partial class CosinePerStepWarmupPlan;

/// <summary>A long-tailed Fashion-MNIST (ρ = 10) reported only by accuracy: its plan carries the class-balance advice.</summary>
[Experiment(Epochs = 2)]
#pragma warning disable TD0013 // the advice this experiment is about
[Data(FashionMnist, Imbalance = 10)]
#pragma warning restore TD0013
[Model(SmallCnn)]
[Optimizer(Sgd)]
[Metric(Accuracy)]
public partial class LongTailPlan;
