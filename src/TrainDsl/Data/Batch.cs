using TorchSharp;
using static TorchSharp.torch;

namespace TrainDsl.Data;

/// <summary>
/// One mini-batch: normalised float images [B, C, H, W] and int64 labels [B]. It belongs to no
/// dispose scope; the training step attaches it to its own, so it is freed with the step:
/// <c>using var scope = torch.NewDisposeScope(); batch.AttachTo(scope);</c> (or dispose it).
/// TorchSharp 0.107's <c>scope.Attach(batch)</c> throws, because a DisposeScope manages only
/// tensors and packed sequences, not other IDisposables.
/// </summary>
public sealed class Batch(Tensor images, Tensor labels) : IDisposable
{
    public Tensor Images { get; } = images;
    public Tensor Labels { get; } = labels;
    public int Size => (int)Labels.shape[0];

    /// <summary>Hands both tensors to <paramref name="scope"/>, which then frees them; returns this batch.</summary>
    public Batch AttachTo(DisposeScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        scope.Attach(Images);
        scope.Attach(Labels);
        return this;
    }

    public void Dispose() { Images.Dispose(); Labels.Dispose(); }
}
