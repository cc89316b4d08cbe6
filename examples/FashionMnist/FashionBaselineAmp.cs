namespace FashionMnistExample;

/// <summary>
/// FashionBaseline's recipe with mixed precision: bf16 forward and backward on a channels-last working copy,
/// fp32 master weights that SGD updates. Same seed, same draws, same initial weights as the baseline: every
/// other part is inherited from it.
/// </summary>
[Amp]
public partial class FashionBaselineAmp : FashionBaseline;
