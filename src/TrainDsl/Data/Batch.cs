using static TorchSharp.torch;

namespace TrainDsl.Data;

/// <summary>
/// One mini-batch: normalised float images [B, C, H, W] and int64 labels [B]. It belongs to no
/// dispose scope; the training step attaches it to its own, so it is freed with the step.
/// </summary>
public sealed class Batch(Tensor images, Tensor labels) : IDisposable
{
    public Tensor Images { get; } = images;
    public Tensor Labels { get; } = labels;
    public int Size => (int)Labels.shape[0];

    public void Dispose() { Images.Dispose(); Labels.Dispose(); }
}
