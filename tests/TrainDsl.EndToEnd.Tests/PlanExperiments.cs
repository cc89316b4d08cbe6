namespace TrainDsl.EndToEnd.Tests;

// Experiments whose plans are compared with PyTorch's schedulers (references/plan_schedules.py).

[Experiment(Epochs = 7, BatchSize = 128)]
[Data(FashionMnist)]
[Model(SmallCnn)]
[Optimizer(Sgd, LearningRate = 0.05)]
[Schedule(Step, StepSize = 2, Gamma = 0.5)]
public partial class StepPlan;

[Experiment(Epochs = 7, BatchSize = 128)]
[Data(FashionMnist)]
[Model(SmallCnn)]
[Optimizer(Sgd, LearningRate = 0.05)]
[Schedule(MultiStep, Milestones = new[] { 2, 5 }, Gamma = 0.1)]
public partial class MultiStepPlan;

[Experiment(Epochs = 7, BatchSize = 128)]
[Data(FashionMnist)]
[Model(SmallCnn)]
[Optimizer(Sgd)]
[Schedule(Cosine, MinLr = 0.001)]
public partial class CosinePlan;

[Experiment(Epochs = 7, BatchSize = 128)]
[Data(FashionMnist)]
[Model(SmallCnn)]
[Optimizer(Sgd)]
[Schedule(Cosine, Interval = PerStep)]
public partial class CosinePerStepPlan;
