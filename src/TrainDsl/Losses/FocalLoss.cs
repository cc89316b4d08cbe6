using TrainDsl.Runs;
using static TorchSharp.torch;

namespace TrainDsl.Losses;

/// <summary>
/// Multi-class focal loss (Lin et al. 2017, "Focal Loss for Dense Object Detection", eq. 5), computed in fp32
/// and averaged over the batch. With class indices y: FL = −α_y (1 − p_y)^γ log p_y. With soft targets t
/// (rows of class probabilities, as MixUp/CutMix or label smoothing make them) the per-class terms are summed:
/// FL = −Σ_c α_c t_c (1 − p_c)^γ log p_c, which is the index form when t is one-hot. p = softmax(logits);
/// α_c = 1 when no weights are given. With γ = 0 and no α it equals cross-entropy (SoftTargetCrossEntropy for
/// soft targets).
/// </summary>
public sealed class FocalLoss
{
    private readonly double[]? _alpha;

    /// <param name="gamma">Focusing parameter γ ≥ 0 (the paper uses 2).</param>
    /// <param name="alpha">Optional per-class weights α_c > 0, one per class; null weighs every class 1.</param>
    public FocalLoss(double gamma = 2, double[]? alpha = null)
    {
        if (!(gamma >= 0) || double.IsInfinity(gamma))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Focal loss gamma must be a finite number ≥ 0 (the paper uses 2).");
        if (alpha is not null)
        {
            if (alpha.Length == 0)
                throw new ArgumentException("Focal loss alpha must hold one weight per class, or be null for equal weights.", nameof(alpha));
            foreach (var a in alpha)
                if (!ValueRanges.Contains(ConfigCheck.Positive, a))
                    throw new ArgumentOutOfRangeException(nameof(alpha), a, "Focal loss alpha weights must be finite numbers > 0.");
            _alpha = (double[])alpha.Clone();
        }
        Gamma = gamma;
    }

    public double Gamma { get; }
    public IReadOnlyList<double>? Alpha => _alpha;

    /// <summary>
    /// Mean loss over the batch. <paramref name="target"/> holds either integer class indices, shape [batch],
    /// or floating-point class probabilities shaped like the logits [batch, classes]. Soft-target rows are taken
    /// as given (not checked to be non-negative or to sum to 1, which would need a device sync).
    /// </summary>
    public Tensor Forward(Tensor logits, Tensor target)
    {
        if (logits.ndim == 2 && target.ndim != 1)
            return ForwardSoft(logits, target);

        LossInputs.RequireIndexTarget(logits, target, nameof(FocalLoss));
        RequireAlphaPerClass(logits);

        using var scope = NewDisposeScope();
        var index = LossInputs.AsInt64(target);
        // log p_y via log_softmax + gather: stable for extreme logits.
        var logPy = LossInputs.AsFloat32(logits).log_softmax(1).gather(1, index.unsqueeze(1)).squeeze(1);
        var loss = -logPy;
        if (Gamma != 0)
        {
            // 1 − p_y = −expm1(log p_y) keeps its precision when p_y is close to 1; the floor keeps the
            // gradient of (1 − p_y)^γ finite for γ < 1 when p_y rounds to exactly 1.
            var oneMinusP = logPy.expm1().neg().clamp_min(1e-12);
            loss = loss * oneMinusP.pow(Gamma);
        }
        if (_alpha is not null)
        {
            var alpha = tensor(_alpha, dtype: ScalarType.Float32, device: logits.device);
            loss = loss * alpha.index_select(0, index);
        }
        return scope.MoveToOuter(loss.mean());
    }

    private Tensor ForwardSoft(Tensor logits, Tensor target)
    {
        if (!target.shape.SequenceEqual(logits.shape))
            throw new ArgumentException(
                $"{nameof(FocalLoss)} expects class indices shaped [{logits.shape[0]}] or target probabilities shaped like the logits [{string.Join(", ", logits.shape)}], got [{string.Join(", ", target.shape)}].", nameof(target));
        if (!target.is_floating_point())
            throw new ArgumentException(
                $"{nameof(FocalLoss)} expects floating-point target probabilities for [batch, classes] targets, got {target.dtype}; pass class indices shaped [batch] for hard labels.", nameof(target));
        RequireAlphaPerClass(logits);

        using var scope = NewDisposeScope();
        var logP = LossInputs.AsFloat32(logits).log_softmax(1);
        // The same terms in the same order as the index path, per class, so a one-hot row gives exactly its
        // value (the other classes add t_c = 0 times a finite term).
        var loss = -logP;
        if (Gamma != 0)
        {
            // As above: −expm1 for 1 − p_c near p_c = 1, and the floor for a finite gradient when γ < 1.
            var oneMinusP = logP.expm1().neg().clamp_min(1e-12);
            loss = loss * oneMinusP.pow(Gamma);
        }
        if (_alpha is not null)
            loss = loss * tensor(_alpha, dtype: logP.dtype, device: logits.device);
        loss = (loss * target.to_type(logP.dtype)).sum(1);
        return scope.MoveToOuter(loss.mean());
    }

    private void RequireAlphaPerClass(Tensor logits)
    {
        if (_alpha is not null && _alpha.Length != logits.shape[1])
            throw new ArgumentException(
                $"Focal loss has {_alpha.Length} alpha weights but the logits have {logits.shape[1]} classes; give one weight per class.", nameof(logits));
    }
}
