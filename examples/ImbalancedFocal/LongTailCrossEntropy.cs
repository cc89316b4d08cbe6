namespace ImbalancedFocal;

/// <summary>
/// The control: plain cross-entropy on Fashion-MNIST made long-tailed (6,000 T-shirts down to
/// 60 ankle boots, ratio 100; Cui et al. 2019). Accuracy on the balanced test set hides how the
/// rare classes fare, so macro-F1 selects the best epoch and balanced accuracy is reported too.
/// </summary>
[Experiment(Epochs = 12, BatchSize = 128, Seed = 7)]
[Data(FashionMnist, Imbalance = 100)]
[Model(SmallCnn)]
[Loss(CrossEntropy)]
[Optimizer(Sgd, Momentum = 0.9, Nesterov = true, WeightDecay = 5e-4)]
[Schedule(Cosine)]
[Metric(MacroF1, Primary = true)]
[Metric(BalancedAccuracy)]
[Metric(Accuracy)]
public partial class LongTailCrossEntropy;
