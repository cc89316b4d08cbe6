using TorchSharp;
using TrainDsl.Runs;
using static TorchSharp.torch;

namespace TrainDsl.Augment;

/// <summary>
/// Random crop with zero padding, as torchvision's RandomCrop(size = (H, W), padding = p) applied
/// per sample: pad each image by p on every side, then take the H × W window at offsets
/// (top, left) drawn uniformly from [0, 2p]. Vectorised over the batch with two gathers.
/// <para>Pixels outside the image become <see cref="Fill"/>: 0 is black on uint8 images; on a
/// normalised float batch, black is −mean/std (0 there is the mean colour).</para>
/// </summary>
public sealed class RandomCrop : IDisposable, IResumable
{
    readonly Generator _generator;

    // The constructor creates a native generator, which may be the program's first libtorch call.
    static RandomCrop() => torch.InitializeDeviceType(DeviceType.CPU);

    public RandomCrop(int padding, long seed, double fill = 0)
    {
        if (padding < 0)
            throw new ArgumentOutOfRangeException(nameof(padding), padding, "The crop padding is a number of pixels and cannot be negative; 4 is usual for 28 × 28 and 32 × 32 images.");
        Padding = padding; Fill = fill;
        _generator = new Generator(unchecked((ulong)seed));
    }

    public int Padding { get; }
    public double Fill { get; }

    /// <summary>Crops every image of [B, C, H, W] (any dtype) at its own random offsets; the result has the input's shape.</summary>
    public Tensor Apply(Tensor images)
    {
        RequireBatch(images);
        using var scope = NewDisposeScope();
        long batch = images.shape[0];
        // top before left, as torchvision's get_params draws i then j.
        var top = randint(0, 2 * Padding + 1, new[] { batch }, generator: _generator);
        var left = randint(0, 2 * Padding + 1, new[] { batch }, generator: _generator);
        return scope.MoveToOuter(Crop(images, top, left, Padding, Fill));
    }

    /// <summary>
    /// out[b, :, i, j] = padded[b, :, top[b] + i, left[b] + j], where padded is the batch padded by
    /// <paramref name="padding"/> with <paramref name="fill"/>; offsets are int64 [B] in [0, 2p].
    /// </summary>
    public static Tensor Crop(Tensor images, Tensor top, Tensor left, int padding, double fill = 0)
    {
        RequireBatch(images);
        long b = images.shape[0], c = images.shape[1], h = images.shape[2], w = images.shape[3];
        using var scope = NewDisposeScope();
        var padded = padding == 0 ? images : nn.functional.pad(images, new long[] { padding, padding, padding, padding }, PaddingModes.Constant, fill);
        var rows = (top.view(b, 1, 1, 1) + arange(h, ScalarType.Int64).view(1, 1, h, 1)).expand(b, c, h, w + 2 * padding);
        var cols = (left.view(b, 1, 1, 1) + arange(w, ScalarType.Int64).view(1, 1, 1, w)).expand(b, c, h, w);
        var cropped = padded.gather(2, rows).gather(3, cols);
        return scope.MoveToOuter(cropped);
    }

    static void RequireBatch(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4)
            throw new ArgumentException($"RandomCrop needs a batch shaped [B, C, H, W], not [{string.Join(", ", images.shape)}].", nameof(images));
    }

    /// <summary>The name of this state in a run's resume.json.</summary>
    public string ResumeKey => "crop";

    /// <summary>The generator's position as JSON, so a resumed run draws what an uninterrupted one would.</summary>
    public string SaveState() => GeneratorState.Save(_generator);

    /// <summary>Moves the generator to the position <see cref="SaveState"/> wrote.</summary>
    public void LoadState(string json) => GeneratorState.Load(_generator, json, "RandomCrop");

    public void Dispose() => _generator.Dispose();
}
