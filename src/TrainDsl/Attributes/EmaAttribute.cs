namespace TrainDsl;

/// <summary>
/// An exponential moving average of the weights (Polyak averaging), as timm's ModelEmaV2: after every optimizer
/// step each parameter and floating-point buffer of an averaged copy becomes d·ema + (1 − d)·weight, integer buffers
/// are copied. Each epoch's evaluation, best.bin and model.bin use the averaged weights.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EmaAttribute : Attribute
{
    /// <summary>The decay d, in (0, 1): the average spans about 1 / (1 − d) steps. Default 0.9999.</summary>
    public double Decay { get; set; }

    /// <summary>
    /// Warms the decay up over this many optimizer steps with timm ModelEmaV3's curve: d = 0 at the first update, then
    /// 1 − (1 + s / γ)^−WarmupPower after s more, capped at Decay, with γ chosen so that the curve reaches Decay at
    /// s = WarmupSteps. Early averages then follow the fast-moving weights. Default 0: the constant Decay from the first step.
    /// </summary>
    public int WarmupSteps { get; set; }

    /// <summary>The warmup curve's power; default 2/3, timm's.</summary>
    public double WarmupPower { get; set; }
}
