namespace TrainDsl.EndToEnd.Tests;

// Weight EMA and gradient accumulation, trained on a slice of Fashion-MNIST by EmaAccumulationTests and ResumeTests.

/// <summary>
/// A warmed-up EMA over 2 mixed micro-batches of 32 per optimizer step, with a per-step cosine schedule: 640 images
/// make 20 batches, 10 optimizer steps an epoch.
/// </summary>
[Experiment(Epochs = 2, BatchSize = 32, Seed = 17)]
[Data(FashionMnist, TrainLimit = 640, TestLimit = 200)]
[Model(SmallCnn)]
[Optimizer(Sgd)]
[Schedule(Cosine, Interval = PerStep)]
[MixUp(Alpha = 0.2)]
[Ema(Decay = 0.9, WarmupSteps = 5)]
[GradientAccumulation(Steps = 2)]
public partial class EmaAccumulationRun;

/// <summary>bf16 [Amp] with accumulation and an EMA: 320 images make 10 batches of 32, 5 optimizer steps.</summary>
[Experiment(Epochs = 1, BatchSize = 32, Seed = 19)]
[Data(FashionMnist, TrainLimit = 320, TestLimit = 200)]
[Model(SmallCnn)]
[Optimizer(Sgd)]
[CutMix]
[Amp]
[Ema(Decay = 0.9)]
[GradientAccumulation(Steps = 2)]
public partial class AmpEmaAccumulationRun;
