using static TorchSharp.torch;

namespace TrainDsl.Losses;

/// <summary>
/// Cross-entropy against soft targets (probability rows, as mixup/cutmix make them), computed in fp32:
/// loss = mean_i [−Σ_c t_{i,c} log softmax(x_i)_c].
/// </summary>
public sealed class SoftTargetCrossEntropy
{
    /// <summary>Mean loss over the batch; <paramref name="target"/> is [batch, classes] with rows summing to 1.</summary>
    public Tensor Forward(Tensor logits, Tensor target)
    {
        if (logits.ndim != 2)
            throw new ArgumentException($"{nameof(SoftTargetCrossEntropy)} expects logits shaped [batch, classes], got [{string.Join(", ", logits.shape)}].", nameof(logits));
        if (!target.shape.SequenceEqual(logits.shape))
            throw new ArgumentException(
                $"{nameof(SoftTargetCrossEntropy)} expects targets shaped like the logits [{string.Join(", ", logits.shape)}], got [{string.Join(", ", target.shape)}].", nameof(target));
        if (!target.is_floating_point())
            throw new ArgumentException($"{nameof(SoftTargetCrossEntropy)} expects floating-point target probabilities; use CrossEntropyLoss for class indices.", nameof(target));

        using var scope = NewDisposeScope();
        var logP = LossInputs.AsFloat32(logits).log_softmax(1);
        var loss = (-(LossInputs.AsFloat32(target) * logP).sum(1)).mean();
        return scope.MoveToOuter(loss);
    }
}
