namespace FashionMnistExample;

/// <summary>
/// The baseline: a small CNN on Fashion-MNIST, SGD with Nesterov momentum at the rate the linear
/// scaling rule gives for batch 128 (0.05), annealed by a per-step cosine schedule. A tenth of each training
/// class is held out as the validation set that picks best.bin; the test set is only reported.
/// </summary>
[Experiment(Epochs = 5, BatchSize = 128, Seed = 1)]
[Data(FashionMnist, Validation = 0.1)]
[Model(SmallCnn)]
[Loss(CrossEntropy)]
[Optimizer(Sgd, Momentum = 0.9, Nesterov = true, WeightDecay = 5e-4)]
[Schedule(Cosine, Interval = PerStep)]
[Metric(Accuracy)]
public partial class FashionBaseline;
