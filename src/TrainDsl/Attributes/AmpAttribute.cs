namespace TrainDsl;

/// <summary>
/// Mixed precision: forward and backward in 16 bits on a working copy of the model, fp32 master weights
/// that the optimizer updates; normalisation layers and the loss stay fp32. <c>[Amp]</c> is bf16;
/// <c>[Amp(Float16)]</c> adds a dynamic loss scaler.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AmpAttribute : Attribute
{
    public AmpAttribute() { }
    public AmpAttribute(AmpPrecision precision) => Precision = precision;

    public AmpPrecision Precision { get; } = AmpPrecision.BFloat16;

    /// <summary>Evaluate in 16 bits too (faster; metrics can differ from fp32's in the last digits). Default false.</summary>
    public bool LowPrecisionEval { get; set; }

    /// <summary>
    /// Channels-last (NHWC) weights and activations in the 16-bit model, where oneDNN's 16-bit convolutions are fastest.
    /// Set false for a model that calls <c>view</c> on a 4-D activation. Default true.
    /// </summary>
    public bool ChannelsLast { get; set; } = true;
}
