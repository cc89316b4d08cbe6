namespace Distillation;

/// <summary>The control: the student trained on the labels only.</summary>
[Experiment(Epochs = 4, BatchSize = 128, Seed = 11)]
[Data(FashionMnist)]
[Model(typeof(TinyCnn))]
[Optimizer(Sgd, Momentum = 0.9, Nesterov = true, WeightDecay = 5e-4)]
[Schedule(Cosine, Interval = PerStep)]
[Metric(Accuracy)]
public partial class StudentAlone;
