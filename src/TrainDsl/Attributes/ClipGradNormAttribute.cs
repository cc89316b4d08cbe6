namespace TrainDsl;

/// <summary>
/// Gradient clipping: after backward, the gradients are rescaled so their global L2 norm is at most
/// <see cref="MaxNorm"/> (PyTorch's torch.nn.utils.clip_grad_norm_), which keeps one large step from blowing up the
/// weights. With <c>[Amp(Float16)]</c> the gradients are clipped after unscaling.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ClipGradNormAttribute : Attribute
{
    /// <summary>The largest global L2 norm of the gradients, &gt; 0. Default 1.</summary>
    public double MaxNorm { get; set; } = 1;
}
