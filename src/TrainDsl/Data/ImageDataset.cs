using TorchSharp;
using static TorchSharp.torch;

namespace TrainDsl.Data;

/// <summary>
/// A labelled image set held in memory as uint8 NCHW images and int64 labels, with the
/// per-channel statistics that normalise it.
/// </summary>
public sealed class ImageDataset : IDisposable
{
    // CONTRACT (data helper implements): constructor/validation as needed.
    public ImageDataset(Tensor images, Tensor labels, IReadOnlyList<string> classNames, float[] mean, float[] std)
    {
        Images = images; Labels = labels; ClassNames = classNames; Mean = mean; Std = std;
    }

    /// <summary>uint8 [N, C, H, W].</summary>
    public Tensor Images { get; }
    /// <summary>int64 [N].</summary>
    public Tensor Labels { get; }
    public IReadOnlyList<string> ClassNames { get; }
    public float[] Mean { get; }
    public float[] Std { get; }

    public int Count => (int)Images.shape[0];
    public int Channels => (int)Images.shape[1];
    public int Height => (int)Images.shape[2];
    public int Width => (int)Images.shape[3];
    public int Classes => ClassNames.Count;

    /// <summary>Images per class, indexed by label.</summary>
    public long[] ClassCounts() => throw new NotImplementedException();

    public void Dispose() { Images.Dispose(); Labels.Dispose(); }
}
