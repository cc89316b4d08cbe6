namespace FashionMnistExample;

/// <summary>
/// FashionBaseline with a declared grid for the sweep command: the linear scaling rule's rate for batch 128 (0.05),
/// half and twice it.
/// </summary>
[Sweep(nameof(Config.LearningRate), 0.025, 0.05, 0.1)]
public partial class FashionLearningRates : FashionBaseline;
