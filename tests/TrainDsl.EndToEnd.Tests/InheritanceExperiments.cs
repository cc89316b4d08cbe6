namespace TrainDsl.EndToEnd.Tests;

// A base experiment and one derived from it that replaces the schedule, merges [Experiment] and declares sweeps (InheritanceTests).

[Experiment(Epochs = 4, BatchSize = 64, Seed = 3)]
[Data(FashionMnist)]
[Model(SmallCnn)]
[Optimizer(Sgd)]
[Schedule(Step, StepSize = 2, Gamma = 0.5)]
public partial class InheritedBase;

[Experiment(Epochs = 6)]
[Schedule(Cosine)]
[Sweep(nameof(Config.LearningRate), 0.0125, 0.025)]
[Sweep(nameof(Config.Nesterov), true, false)]
public partial class InheritedCosine : InheritedBase;
