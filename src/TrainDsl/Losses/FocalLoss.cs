using TrainDsl.Runs;
using static TorchSharp.torch;

namespace TrainDsl.Losses;

/// <summary>
/// Multi-class focal loss (Lin et al. 2017, eq. 5): FL = −α_y (1 − p_y)^γ log p_y, averaged over the
/// batch, computed in fp32. With γ = 0 and no α it equals cross-entropy.
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

    /// <summary>Mean loss over the batch; <paramref name="target"/> holds int64 class indices.</summary>
    public Tensor Forward(Tensor logits, Tensor target)
    {
        LossInputs.RequireIndexTarget(logits, target, nameof(FocalLoss));
        if (_alpha is not null && _alpha.Length != logits.shape[1])
            throw new ArgumentException(
                $"Focal loss has {_alpha.Length} alpha weights but the logits have {logits.shape[1]} classes; give one weight per class.", nameof(logits));

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
}
