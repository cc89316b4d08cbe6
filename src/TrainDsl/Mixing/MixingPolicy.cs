using TorchSharp;
using TrainDsl.Runs;
using static TorchSharp.torch;

namespace TrainDsl.Mixing;

/// <summary>
/// Mixed-sample augmentation for a training step, as timm's Mixup (one λ and one box or mask per
/// batch): with probability <see cref="MixProbability"/> the batch is mixed with a shuffled copy of
/// itself (partner = randperm(B)) by one of the declared methods, and the targets become
/// λ·y + (1 − λ)·y[partner] of the smoothed one-hot rows y (<see cref="MixupTarget"/>); otherwise the
/// images pass unchanged and the targets are the smoothed rows y, so every step uses soft targets.
/// <para>Switching: the first declared method is the base; with probability <see cref="SwitchProbability"/>
/// the step uses one of the others instead, each equally likely. For [MixUp, CutMix] that is timm's
/// switch_prob (the chance of CutMix); for three methods the others get p/2 each.</para>
/// <para>Randomness comes from one torch generator seeded with the seed, drawn in a fixed order per
/// call: u (mix or not), u (switch, only with several methods), λ ~ Beta(α, α), randperm(B), then the
/// method's own draws (CutMix: the box centre; FMix: the spectrum and the rounding coin).</para>
/// </summary>
public sealed class MixingPolicy : IDisposable, IResumable
{
    readonly MixingMethod[] _methods;
    readonly Generator _generator;

    // The constructor creates a native generator, which may be the program's first libtorch call.
    static MixingPolicy() => torch.InitializeDeviceType(DeviceType.CPU);

    public MixingPolicy(IReadOnlyList<MixingMethod> methods, int classes, double labelSmoothing = 0,
        double mixProbability = 1, double switchProbability = 0.5, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(methods);
        if (methods.Any(m => m is null))
            throw new ArgumentException("The list of mixing methods contains a null entry; pass only MixUp, CutMix or FMix instances.", nameof(methods));
        if (methods.Select(m => m.Kind).Distinct().Count() != methods.Count)
            throw new ArgumentException($"Each mixing method may be declared once, but got [{string.Join(", ", methods.Select(m => m.Kind))}].", nameof(methods));
        if (classes < 1)
            throw new ArgumentOutOfRangeException(nameof(classes), classes, "Mixed targets need at least one class.");
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "Label smoothing must lie in [0, 1]; typical values are 0.1 or less.");
        if (!(mixProbability >= 0 && mixProbability <= 1))
            throw new ArgumentOutOfRangeException(nameof(mixProbability), mixProbability, "The mix probability (how often a batch is mixed) must lie in [0, 1].");
        if (!(switchProbability >= 0 && switchProbability <= 1))
            throw new ArgumentOutOfRangeException(nameof(switchProbability), switchProbability, "The switch probability (how often a method other than the first is used) must lie in [0, 1].");
        _methods = methods.ToArray();
        Classes = classes; LabelSmoothing = labelSmoothing; MixProbability = mixProbability; SwitchProbability = switchProbability;
        _generator = new Generator(unchecked((ulong)seed));
    }

    public IReadOnlyList<MixingMethod> Methods => _methods;
    public int Classes { get; }
    public double LabelSmoothing { get; }
    /// <summary>Chance that a batch is mixed at all.</summary>
    public double MixProbability { get; }
    /// <summary>Chance that a mixed batch uses a method other than the first declared one.</summary>
    public double SwitchProbability { get; }

    /// <summary>
    /// Mixes float images [B, C, H, W] with int64 labels [B]. The returned tensors belong to the
    /// caller's dispose scope; the inputs are left as they are.
    /// </summary>
    public MixedBatch Mix(Tensor images, Tensor labels)
    {
        Validate(images, labels);
        using var scope = NewDisposeScope();
        var method = _methods.Length == 0 || Uniform() >= MixProbability ? null : _methods[Choose(_methods.Length, SwitchProbability, Uniform)];
        if (method is null)
        {
            var kept = (images.alias(), MixupTarget.Smoothed(labels, Classes, LabelSmoothing));
            scope.MoveToOuter(kept.Item1, kept.Item2);
            return new MixedBatch(kept.Item1, kept.Item2, MixKind.None, 1.0, null, null, null);
        }

        double lambda = SymmetricBeta.Sample(method.Alpha, _generator);
        int batch = (int)images.shape[0], height = (int)images.shape[2], width = (int)images.shape[3];
        var partner = randperm(batch, ScalarType.Int64, generator: _generator);
        Tensor mixed;
        Tensor? mask = null;
        CutBox? box = null;
        switch (method)
        {
            case MixUp:
                mixed = MixUp.Apply(images, partner, lambda);
                break;
            case CutMix:
                var cut = CutMix.RandomBox(height, width, lambda, _generator);
                mixed = CutMix.Apply(images, partner, cut);
                lambda = cut.KeptFraction;
                box = cut;
                break;
            case FMix fmix:
                (mask, int kept) = fmix.RandomMask(height, width, lambda, _generator);
                mixed = FMix.Apply(images, partner, mask);
                lambda = (double)kept / (height * width);
                break;
            default:
                throw new InvalidOperationException($"Unknown mixing method {method.GetType().Name}.");
        }
        var targets = MixupTarget.Mixed(labels, partner, lambda, Classes, LabelSmoothing);
        if (mask is null) scope.MoveToOuter(mixed, targets, partner);
        else scope.MoveToOuter(mixed, targets, partner, mask);
        return new MixedBatch(mixed, targets, method.Kind, lambda, partner, box, mask);
    }

    /// <summary>
    /// The index of the method used for a mixed batch of <paramref name="methods"/> declared ones: 0 with
    /// probability 1 − p, otherwise one of 1..methods−1 uniformly. Draws u only when there is a choice.
    /// </summary>
    internal static int Choose(int methods, double switchProbability, Func<double> uniform)
    {
        if (methods == 1) return 0;
        double u = uniform();
        if (u >= switchProbability) return 0;
        // u / p is uniform on [0, 1) given a switch.
        return 1 + Math.Min(methods - 2, (int)(u / switchProbability * (methods - 1)));
    }

    double Uniform()
    {
        using var u = rand(1, ScalarType.Float64, generator: _generator);
        return u.item<double>();
    }

    void Validate(Tensor images, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (images.dim() != 4 || !images.is_floating_point())
            throw new ArgumentException($"Mixing needs float images shaped [B, C, H, W] (the normalised batch), not {images.dtype} with shape [{string.Join(", ", images.shape)}].", nameof(images));
        if (labels.dtype != ScalarType.Int64 || labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"Mixing needs int64 labels shaped [{images.shape[0]}] (one per image), not {labels.dtype} with shape [{string.Join(", ", labels.shape)}].", nameof(labels));
        if (labels.shape[0] == 0)
            throw new ArgumentException("Mixing needs a batch of at least one image, but the batch is empty.", nameof(images));
        using var scope = NewDisposeScope();
        long low = labels.min().item<long>(), high = labels.max().item<long>();
        if (low < 0 || high >= Classes)
            throw new ArgumentException($"Labels must lie in [0, {Classes - 1}] for {Classes} classes, but range from {low} to {high}.", nameof(labels));
    }

    /// <summary>The name of this state in a run's resume.json.</summary>
    public string ResumeKey => "mixing";

    /// <summary>The generator's position as JSON, so a resumed run draws what an uninterrupted one would.</summary>
    public string SaveState() => GeneratorState.Save(_generator);

    /// <summary>Moves the generator to the position <see cref="SaveState"/> wrote.</summary>
    public void LoadState(string json) => GeneratorState.Load(_generator, json, "MixingPolicy");

    public void Dispose() => _generator.Dispose();
}
