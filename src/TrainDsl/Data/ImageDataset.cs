using TorchSharp;
using static TorchSharp.torch;

namespace TrainDsl.Data;

/// <summary>
/// A labelled image set held in memory as uint8 NCHW images and int64 labels, with the
/// per-channel statistics that normalise it. It owns both tensors (they belong to no dispose
/// scope) and frees them on <see cref="Dispose"/>.
/// </summary>
public sealed class ImageDataset : IDisposable
{
    public ImageDataset(Tensor images, Tensor labels, IReadOnlyList<string> classNames, float[] mean, float[] std)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (images.dtype != ScalarType.Byte || images.dim() != 4)
            throw new ArgumentException($"Images must be a uint8 [N, C, H, W] tensor, not {images.dtype} with shape [{string.Join(", ", images.shape)}].", nameof(images));
        if (labels.dtype != ScalarType.Int64 || labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"Labels must be an int64 [N] tensor with N = {images.shape[0]} (the image count), not {labels.dtype} with shape [{string.Join(", ", labels.shape)}].", nameof(labels));
        if (classNames.Count < 1)
            throw new ArgumentException("A dataset needs at least one class name.", nameof(classNames));
        if (mean.Length != images.shape[1] || std.Length != images.shape[1])
            throw new ArgumentException($"Mean and Std need one value per channel ({images.shape[1]}), not {mean.Length} and {std.Length}.", nameof(mean));
        if (std.Any(s => !(s > 0)))
            throw new ArgumentException("Every Std value must be positive, because images are divided by it.", nameof(std));
        // The dataset owns its tensors for its whole life, so no caller's dispose scope may free them.
        Images = images.DetachFromDisposeScope(); Labels = labels.DetachFromDisposeScope();
        ClassNames = classNames; Mean = mean; Std = std;
    }

    /// <summary>uint8 [N, C, H, W].</summary>
    public Tensor Images { get; }
    /// <summary>int64 [N].</summary>
    public Tensor Labels { get; }
    public IReadOnlyList<string> ClassNames { get; }
    /// <summary>Per-channel mean of the pixels scaled to [0, 1] (the dataset's published training statistic).</summary>
    public float[] Mean { get; }
    /// <summary>Per-channel standard deviation of the pixels scaled to [0, 1] (published training statistic).</summary>
    public float[] Std { get; }

    public int Count => (int)Images.shape[0];
    public int Channels => (int)Images.shape[1];
    public int Height => (int)Images.shape[2];
    public int Width => (int)Images.shape[3];
    public int Classes => ClassNames.Count;

    /// <summary>Images per class, indexed by label.</summary>
    public long[] ClassCounts()
    {
        using var counts = bincount(Labels, null, Classes);
        return counts.data<long>().ToArray();
    }

    public void Dispose() { Images.Dispose(); Labels.Dispose(); }
}
