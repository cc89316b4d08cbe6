using System.Globalization;
using static TorchSharp.torch;

namespace TrainDsl.Runs;

/// <summary>
/// The run's rule for numerical failure: a step whose loss or gradients hold inf or NaN is skipped (the optimizer
/// does not step, so the weights stay as they were), and <see cref="RunSettings.MaxNonFiniteSteps"/> such steps in
/// a row stop the run as diverged. One bad batch is survived; weights that have blown up make every later step
/// non-finite, so the run stops within that many steps instead of training on NaN.
/// </summary>
internal sealed class NonFiniteSteps(int limit)
{
    private int inRow;

    /// <summary>Non-finite steps of this session, skipped.</summary>
    public long Skipped { get; private set; }

    /// <summary>Set when <c>limit</c> steps in a row were non-finite: why the run stopped, in one sentence.</summary>
    public string? Divergence { get; private set; }

    /// <summary>
    /// Checks one step's <paramref name="loss"/> and, when given, the gradients of <paramref name="gradientsOf"/>'s
    /// parameters, in one reduction (their sum is inf or NaN iff one of them is, or when it overflows fp32, which only
    /// a diverging run reaches); returns whether the step may be taken.
    /// </summary>
    public bool Check(Tensor loss, nn.Module? gradientsOf, long step)
    {
        ArgumentNullException.ThrowIfNull(loss);
        bool finite;
        using (NewDisposeScope())
        using (no_grad())
        {
            var total = loss.detach().sum().to(ScalarType.Float32);
            if (gradientsOf is not null)
                foreach (var p in gradientsOf.parameters())
                    if (p.grad is { } grad) total = total + grad.sum().to(ScalarType.Float32);
            finite = float.IsFinite(total.item<float>());
        }
        if (finite)
        {
            inRow = 0;
            return true;
        }
        Skipped++;
        if (++inRow >= limit && Divergence is null)
            Divergence = string.Create(CultureInfo.InvariantCulture,
                $"The run diverged: {inRow} steps in a row (up to step {step + 1}) had a non-finite loss or gradient, so it stopped; lower the learning rate (--lr) or add [ClipGradNorm(MaxNorm = 1)] and train again.");
        return false;
    }

    /// <summary>The first parameter of <paramref name="model"/> holding inf or NaN, or null when all are finite.</summary>
    public static string? FirstNonFiniteParameter(nn.Module model)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (name, p) in model.named_parameters())
            if (!p.isfinite().all().item<bool>()) return name;
        foreach (var (name, b) in model.named_buffers())
            if (b.is_floating_point() && !b.isfinite().all().item<bool>()) return name;
        return null;
    }
}
