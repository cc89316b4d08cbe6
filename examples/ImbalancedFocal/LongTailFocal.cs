namespace ImbalancedFocal;

/// <summary>
/// The same recipe with focal loss (Lin et al. 2017): (1 − p_y)^γ down-weights the many easy
/// examples of the head classes, so the rare tail classes weigh more in the gradient.
/// </summary>
[Experiment(Epochs = 12, BatchSize = 128, Seed = 7)]
[Data(FashionMnist, Imbalance = 100)]
[Model(SmallCnn)]
[Loss(Focal, Gamma = 2)]
[Optimizer(Sgd, Momentum = 0.9, Nesterov = true, WeightDecay = 5e-4)]
[Schedule(Cosine)]
[Metric(MacroF1, Primary = true)]
[Metric(BalancedAccuracy)]
[Metric(Accuracy)]
public partial class LongTailFocal;
