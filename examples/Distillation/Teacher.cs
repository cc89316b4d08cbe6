namespace Distillation;

/// <summary>The teacher: ResNet-20 with zero-γ residual branches. Train it first: `train -e Teacher`.</summary>
[Experiment(Epochs = 4, BatchSize = 128, Seed = 11)]
[Data(FashionMnist)]
[Model(ResNet20)]
[ZeroGamma]
[Optimizer(Sgd, Momentum = 0.9, Nesterov = true, WeightDecay = 5e-4)]
[Schedule(Cosine, Interval = PerStep)]
[Metric(Accuracy)]
public partial class Teacher;
