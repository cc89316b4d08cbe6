// The user's declaration that FashionBaseline.g.cs is generated from.
namespace Example;

/// <summary>The baseline recipe: a small CNN on Fashion-MNIST.</summary>
[Experiment(Epochs = 6, BatchSize = 128, Seed = 1)]
[Data(FashionMnist)]
[Model(SmallCnn)]
[Loss(CrossEntropy)]
[Optimizer(Sgd, Momentum = 0.9, Nesterov = true, WeightDecay = 5e-4)]
[Schedule(Cosine, Interval = PerStep)]
[Metric(Accuracy)]
[Metric(TopK, K = 5)]
public partial class FashionBaseline;
