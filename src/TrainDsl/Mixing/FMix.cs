using TorchSharp;
using static TorchSharp.torch;

namespace TrainDsl.Mixing;

/// <summary>
/// FMix (Harris et al. 2020, "FMix: Enhancing Mixed Sample Data Augmentation", §3): a grey image
/// g = Re F⁻¹(z ⊙ 1/f^δ) from complex Gaussian noise z, binarised so its top ⌈λN⌉ or ⌊λN⌋ pixels
/// (a fair coin picks which, as the authors' code does) keep x and the rest come from x[perm].
/// </summary>
public sealed class FMix : MixingMethod
{
    public FMix(double alpha = 1.0, double decayPower = 3.0) : base(alpha)
    {
        if (!(decayPower > 0) || double.IsInfinity(decayPower))
            throw new ArgumentOutOfRangeException(nameof(decayPower), decayPower,
                "The FMix decay power δ must be a positive number (the spectrum falls as 1/f^δ); the paper uses 3.");
        DecayPower = decayPower;
    }

    /// <summary>δ of the 1/f^δ spectral decay; larger δ gives smoother, blobbier masks.</summary>
    public double DecayPower { get; }

    public override MixKind Kind => MixKind.FMix;

    /// <summary>
    /// The grey low-frequency image [H, W] (float64, unnormalised: only its pixel ranking matters):
    /// irfft2(z ⊙ s) with z ~ CN(0, 2) on the half-spectrum grid [H, ⌊W/2⌋ + 1] (real and imaginary
    /// parts standard normal, drawn as one randn [H, ⌊W/2⌋ + 1, 2]) and s = 1 / max(f, 1/max(H, W))^δ,
    /// f = √(f_y² + f_x²) in cycles per pixel; the floor on f keeps the DC term finite, as in the paper's code.
    /// (The authors' code reshapes its (re, im) draws into a purely real spectrum; this follows the
    /// paper's complex noise instead.)
    /// </summary>
    public Tensor LowFrequencyImage(int height, int width, Generator generator)
    {
        using var scope = NewDisposeScope();
        var fy = fft.fftfreq(height, dtype: ScalarType.Float64).unsqueeze(1);
        var fx = fft.rfftfreq(width, dtype: ScalarType.Float64).unsqueeze(0);
        var f = (fy * fy + fx * fx).sqrt_();
        var scale = f.clamp_min_(1.0 / Math.Max(height, width)).pow_(-DecayPower);
        var noise = randn(new long[] { height, width / 2 + 1, 2 }, ScalarType.Float64, generator: generator);
        var spectrum = view_as_complex(noise.mul_(scale.unsqueeze(2)));
        var image = fft.irfft2(spectrum, new long[] { height, width }, new long[] { 0, 1 });
        return scope.MoveToOuter(image);
    }

    /// <summary>Pixels kept from the original: ⌈λN⌉ when <paramref name="roundUp"/>, else ⌊λN⌋.</summary>
    public static int KeptPixels(double lambda, int pixels, bool roundUp) =>
        (int)(roundUp ? Math.Ceiling(lambda * pixels) : Math.Floor(lambda * pixels));

    /// <summary>Binary float32 mask [H, W]: 1 at the <paramref name="count"/> largest pixels of the image, 0 elsewhere.</summary>
    public static Tensor Binarise(Tensor image, int count)
    {
        long pixels = image.numel();
        if (count < 0 || count > pixels)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"An FMix mask keeps between 0 and {pixels} pixels, not {count}.");
        using var scope = NewDisposeScope();
        var mask = zeros(pixels, ScalarType.Float32);
        if (count > 0) mask.index_fill_(0, image.flatten().topk(count).indexes, 1);
        return scope.MoveToOuter(mask.view(image.shape));
    }

    /// <summary>
    /// The mask for a drawn λ: a new low-frequency image, binarised with a fair coin between ⌈λN⌉ and
    /// ⌊λN⌋ kept pixels; <c>Kept</c>/N is the λ the targets use.
    /// </summary>
    public (Tensor Mask, int Kept) RandomMask(int height, int width, double lambda, Generator generator)
    {
        using var scope = NewDisposeScope();
        var image = LowFrequencyImage(height, width, generator);
        bool roundUp = rand(1, ScalarType.Float64, generator: generator).item<double>() < 0.5;
        int kept = KeptPixels(lambda, height * width, roundUp);
        return (scope.MoveToOuter(Binarise(image, kept)), kept);
    }

    /// <summary>x̃ = m ⊙ x + (1 − m) ⊙ x[partner] for a binary mask m [H, W], selected rather than multiplied, so pixels are copied exactly.</summary>
    public static Tensor Apply(Tensor images, Tensor partner, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var mixed = where(mask.to(ScalarType.Bool), images, images.index_select(0, partner));
        return scope.MoveToOuter(mixed);
    }
}
