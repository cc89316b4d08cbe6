using static TorchSharp.torch;

namespace TrainDsl.Ema;

/// <summary>
/// The trained model and its EMA as one module, so a resume point's weights file (last.bin) holds both sets, under
/// <c>model.</c> and <c>ema.</c>, and loading it restores both at once. It only groups the two modules; they keep their
/// owners, and disposing this frees neither.
/// </summary>
public sealed class WeightsWithEma : nn.Module
{
    public WeightsWithEma(nn.Module model, nn.Module ema) : base(nameof(WeightsWithEma))
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(ema);
        register_module("model", model);
        register_module("ema", ema);
    }

    // The modules belong to their creators: release only this grouping's own handle.
    protected override void Dispose(bool disposing) { }
}
