namespace TrainDsl.EndToEnd.Tests;

// The large-batch optimizers in generated recipes, trained for a few steps by OptimizerRunTests.

/// <summary>LAMB with no bias decay and a per-step one-cycle schedule.</summary>
[Experiment(Epochs = 2, BatchSize = 64, Seed = 6)]
[Data(FashionMnist, TrainLimit = 640, TestLimit = 200)]
[Model(SmallCnn)]
[Optimizer(Lamb, LearningRate = 0.01)]
[NoBiasDecay]
[Schedule(OneCycle, Interval = PerStep)]
public partial class LambOneCycleRun;

/// <summary>LARS with no bias decay; its rate comes from the linear scaling rule unless the test sets one.</summary>
[Experiment(Epochs = 2, BatchSize = 64, Seed = 7)]
[Data(FashionMnist, TrainLimit = 640, TestLimit = 200)]
[Model(SmallCnn)]
[Optimizer(Lars, TrustCoefficient = 0.02)]
[NoBiasDecay]
public partial class LarsRun;
