namespace TrainDsl.EndToEnd.Tests;

/// <summary>
/// Best.bin by macro F1 on a held-out validation set: 5 % of each Fashion-MNIST training class (300 images), then 640 of
/// the rest for training; the test set is only reported.
/// </summary>
[Experiment(Epochs = 3, BatchSize = 64, Seed = 3)]
[Data(FashionMnist, Validation = 0.05, TrainLimit = 640, TestLimit = 300)]
[Model(SmallCnn)]
[Optimizer(Sgd)]
[Metric(Accuracy)]
[Metric(MacroF1, Primary = true)]
public partial class HeldOutRun;

/// <summary>
/// A run that must stop early: AdamW at a rate of 1e-9 leaves the predictions as they are, so the validation accuracy
/// cannot beat the first epoch's, and with Patience = 2 the third epoch ends the run (of 8).
/// </summary>
[Experiment(Epochs = 8, BatchSize = 64, Seed = 4)]
[Data(FashionMnist, Validation = 0.02, TrainLimit = 320, TestLimit = 200)]
[Model(SmallCnn)]
[Optimizer(AdamW, LearningRate = 1e-9)]
[Metric(Accuracy)]
[EarlyStopping(Patience = 2)]
public partial class StalledRun;
