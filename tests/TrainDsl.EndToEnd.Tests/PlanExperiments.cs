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

// 3 epochs of 391 steps: the 1,173-step three-phase cycle of references/one_cycle.py, with max_lr 0.1.
[Experiment(Epochs = 3, BatchSize = 128)]
[Data(FashionMnist, TrainLimit = 391 * 128)]
[Model(SmallCnn)]
[Optimizer(AdamW, LearningRate = 0.1)]
[Schedule(OneCycle, Interval = PerStep, PctStart = 0.3, DivFactor = 20, FinalDivFactor = 1e3, ThreePhase = true)]
public partial class OneCyclePlan;
