using TrainDsl.Runs;
using static TorchSharp.torch;

namespace TrainDsl.Losses;

/// <summary>
/// Cross-entropy on logits, with optional label smoothing ε (Szegedy et al. 2016, §7), computed in fp32:
/// loss = mean_i [(1 − ε)(−log p_{i,y_i}) + ε/C Σ_c (−log p_{i,c})], as torch.nn.functional.cross_entropy.
/// </summary>
public sealed class CrossEntropyLoss
{
    public CrossEntropyLoss(double labelSmoothing = 0)
    {
        // ε = 1 would leave no trace of the label: [0, 1), as the analyzer and the run-time overrides check it.
        if (!ValueRanges.Contains(ConfigCheck.Fraction, labelSmoothing))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "Label smoothing must lie in [0, 1); typical values are 0.1 or less.");
        LabelSmoothing = labelSmoothing;
    }

    public double LabelSmoothing { get; }

    /// <summary>Mean loss over the batch; <paramref name="target"/> holds int64 class indices.</summary>
    public Tensor Forward(Tensor logits, Tensor target)
    {
        LossInputs.RequireIndexTarget(logits, target, nameof(CrossEntropyLoss));
        using var scope = NewDisposeScope();
        var loss = nn.functional.cross_entropy(
            LossInputs.AsFloat32(logits), LossInputs.AsInt64(target), label_smoothing: LabelSmoothing);
        return scope.MoveToOuter(loss);
    }
}
