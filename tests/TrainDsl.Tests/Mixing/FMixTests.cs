using TorchSharp;
using TrainDsl.Mixing;
using TrainDsl.Tests.Numerics;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Mixing;

/// <summary>FMix: the low-frequency image against numpy, binary masks with mean kept/N, low-frequency energy, mixing.</summary>
public class FMixTests
{
    // Tests here may create a torch.Generator before any tensor, so load libtorch first.
    public FMixTests() => TrainDsl.Runs.TorchRuntime.EnsureLoaded();

    [Fact]
    public void LowFrequencyImageAndMasksEqualNumpy()
    {
        foreach (var c in ReferenceData.Load("mixing_references.json").GetProperty("fmix").EnumerateArray())
        {
            using var scope = NewDisposeScope();
            int h = c.GetProperty("height").GetInt32(), w = c.GetProperty("width").GetInt32();
            using var generator = new Generator((ulong)c.GetProperty("seed").GetInt64());
            var image = new FMix(1, c.GetProperty("decay").GetDouble()).LowFrequencyImage(h, w, generator);
            Assert.Equal(new long[] { h, w }, image.shape);
            var expected = c.GetProperty("image").Doubles();
            var got = image.data<double>().ToArray();
            double tolerance = 1e-9 * expected.Max(Math.Abs);
            for (int k = 0; k < expected.Length; k++)
                Assert.True(Math.Abs(expected[k] - got[k]) <= tolerance, $"Pixel {k} of the {h}×{w} image: {got[k]} vs numpy {expected[k]}.");

            foreach (var m in c.GetProperty("masks").EnumerateArray())
            {
                int kept = FMix.KeptPixels(m.GetProperty("lambda").GetDouble(), h * w, m.GetProperty("roundUp").GetBoolean());
                Assert.Equal(m.GetProperty("kept").GetInt32(), kept);
                var mask = FMix.Binarise(image, kept);
                Assert.Equal(m.GetProperty("mask").Doubles().Select(v => (float)v), MixingSamples.Floats(mask));
            }
        }
    }

    [Fact]
    public void MaskIsBinaryWithMeanCeilOrFloorOfLambdaN()
    {
        // λN = 0.37·784 = 290.08: the mask keeps 291 or 290 pixels, each about half the time (a fair coin).
        using var generator = new Generator(5);
        var fmix = new FMix();
        const int draws = 400;
        int up = 0;
        for (int n = 0; n < draws; n++)
        {
            using var scope = NewDisposeScope();
            var (mask, kept) = fmix.RandomMask(28, 28, 0.37, generator);
            var values = MixingSamples.Floats(mask);
            Assert.All(values, v => Assert.True(v == 0f || v == 1f));
            Assert.True(kept == 291 || kept == 290, $"Kept {kept} pixels, not ⌈290.08⌉ or ⌊290.08⌋.");
            Assert.Equal(kept, values.Count(v => v == 1f));
            if (kept == 291) up++;
        }
        var (low, high) = MixingSamples.Band(draws, 0.5);
        Assert.InRange(up, low, high);
    }

    [Fact]
    public void MaskEnergyLiesAtLowFrequencies()
    {
        // Share of the binary mask's power spectrum |F(m)|² (DC excluded) within f ≤ 1/4 cycle per pixel
        // (radius N/4 bins) for δ = 3, λ = 1/2 on 28×28: measured over 1000 masks, min 0.87, mean 0.93.
        // A white-noise mask puts about π/16 ≈ 0.20 there, δ = 1 about 0.55.
        using var generator = new Generator(17);
        var fmix = new FMix(1, 3);
        var shares = new List<double>();
        for (int n = 0; n < 200; n++)
        {
            using var scope = NewDisposeScope();
            var (mask, _) = fmix.RandomMask(28, 28, 0.5, generator);
            shares.Add(LowFrequencyShare(mask, 0.25));
        }
        Assert.All(shares, s => Assert.True(s >= 0.80, $"A mask has only {s:P1} of its energy below 1/4 cycle per pixel."));
        Assert.True(shares.Average() >= 0.90, $"Masks average {shares.Average():P1} of their energy below 1/4 cycle per pixel, not ≥ 90%.");
    }

    static double LowFrequencyShare(Tensor mask, double cutoff)
    {
        using var scope = NewDisposeScope();
        var power = fft.fft2(mask.to(ScalarType.Float64)).abs().pow(2);
        power[0, 0] = 0;
        var fy = fft.fftfreq(mask.shape[0], dtype: ScalarType.Float64).unsqueeze(1);
        var fx = fft.fftfreq(mask.shape[1], dtype: ScalarType.Float64).unsqueeze(0);
        var inside = (fy * fy + fx * fx).sqrt().le(cutoff);
        return (power * inside).sum().item<double>() / power.sum().item<double>();
    }

    [Fact]
    public void MixedPixelsFollowTheMaskAndLambdaIsItsMean()
    {
        using var scope = NewDisposeScope();
        const int B = 7, C = 2, H = 12, W = 10, N = H * W;
        var (x, y) = MixingSamples.Batch(B, C, H, W, classes: 3, seed: 30);
        var xs = MixingSamples.Floats(x); var labels = MixingSamples.Longs(y);
        using var policy = new MixingPolicy([new FMix(1.0, 3.0)], classes: 3, labelSmoothing: 0.1, seed: 9);
        for (int call = 0; call < 10; call++)
        {
            var mixed = policy.Mix(x, y);
            Assert.Equal(MixKind.FMix, mixed.Kind);
            var mask = MixingSamples.Floats(mixed.Mask!);
            Assert.Equal(mask.Count(v => v == 1f) / (double)N, mixed.Lambda);
            var partner = MixingSamples.Longs(mixed.Partner!);
            var got = MixingSamples.Floats(mixed.Images);
            for (int b = 0; b < B; b++)
                for (int c = 0; c < C; c++)
                    for (int k = 0; k < N; k++)
                    {
                        long source = mask[k] == 1f ? b : partner[b];
                        Assert.Equal(xs[(source * C + c) * N + k], got[(b * C + c) * N + k]);
                    }
            MixingSamples.AssertTargets(mixed.Targets, labels, partner, mixed.Lambda, 3, 0.1);
        }
    }

    [Fact]
    public void RejectsBadParameters()
    {
        Assert.Contains("decay power", Assert.Throws<ArgumentOutOfRangeException>(() => new FMix(1, 0)).Message);
        Assert.Contains("α", Assert.Throws<ArgumentOutOfRangeException>(() => new FMix(-1, 3)).Message);
        using var image = zeros(4, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => FMix.Binarise(image, 17));
    }
}
