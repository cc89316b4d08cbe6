namespace TrainDsl.EndToEnd.Tests;

/// <summary>Two tricks (label smoothing and a flip) on a tiny slice, so AblationTests trains its three variants in seconds.</summary>
[Experiment(Epochs = 1, BatchSize = 64, Seed = 21)]
[Data(FashionMnist, TrainLimit = 320, TestLimit = 200)]
[Model(SmallCnn)]
[HorizontalFlip]
[Loss(CrossEntropy, LabelSmoothing = 0.1)]
[Optimizer(Sgd)]
[Metric(Accuracy)]
public partial class AblationSmoke;
