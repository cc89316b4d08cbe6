namespace FashionMnistExample;

/// <summary>
/// FashionBaseline's recipe with mixed precision: bf16 forward and backward on a channels-last working copy,
/// fp32 master weights that SGD updates. Same seed, same draws, same initial weights as the baseline.
/// </summary>
[Experiment(Epochs = 5, BatchSize = 128, Seed = 1)]
[Data(FashionMnist, Validation = 0.1)]
[Model(SmallCnn)]
[Loss(CrossEntropy)]
[Optimizer(Sgd, Momentum = 0.9, Nesterov = true, WeightDecay = 5e-4)]
[Schedule(Cosine, Interval = PerStep)]
[Metric(Accuracy)]
[Amp]
public partial class FashionBaselineAmp;
