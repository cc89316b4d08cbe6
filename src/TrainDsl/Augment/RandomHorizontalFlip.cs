using TorchSharp;
using TrainDsl.Runs;
using static TorchSharp.torch;

namespace TrainDsl.Augment;

/// <summary>
/// Random horizontal flip, as torchvision's RandomHorizontalFlip(p) applied per sample: image b is
/// mirrored left–right when u_b &lt; p, u_b ~ U[0, 1). Vectorised with one flip and a where.
/// </summary>
public sealed class RandomHorizontalFlip : IDisposable, IResumable
{
    readonly Generator _generator;

    // The constructor creates a native generator, which may be the program's first libtorch call.
    static RandomHorizontalFlip() => torch.InitializeDeviceType(DeviceType.CPU);

    public RandomHorizontalFlip(double probability = 0.5, long seed = 0)
    {
        if (!(probability >= 0 && probability <= 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "The flip probability must lie in [0, 1]; 0.5 is usual.");
        Probability = probability;
        _generator = new Generator(unchecked((ulong)seed));
    }

    public double Probability { get; }

    /// <summary>Flips each image of [B, C, H, W] (any dtype) with the probability; the result is a new tensor.</summary>
    public Tensor Apply(Tensor images)
    {
        RequireBatch(images);
        using var scope = NewDisposeScope();
        var chosen = rand(images.shape[0], ScalarType.Float64, generator: _generator).lt(Probability);
        return scope.MoveToOuter(Flip(images, chosen));
    }

    /// <summary>Mirrors along the width exactly the images whose entry of the bool mask [B] is true.</summary>
    public static Tensor Flip(Tensor images, Tensor chosen)
    {
        RequireBatch(images);
        using var scope = NewDisposeScope();
        var flipped = where(chosen.view(-1, 1, 1, 1), images.flip(3), images);
        return scope.MoveToOuter(flipped);
    }

    static void RequireBatch(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4)
            throw new ArgumentException($"RandomHorizontalFlip needs a batch shaped [B, C, H, W], not [{string.Join(", ", images.shape)}].", nameof(images));
    }

    /// <summary>The name of this state in a run's resume.json.</summary>
    public string ResumeKey => "flip";

    /// <summary>The generator's position as JSON, so a resumed run draws what an uninterrupted one would.</summary>
    public string SaveState() => GeneratorState.Save(_generator);

    /// <summary>Moves the generator to the position <see cref="SaveState"/> wrote.</summary>
    public void LoadState(string json) => GeneratorState.Load(_generator, json, "RandomHorizontalFlip");

    public void Dispose() => _generator.Dispose();
}
