using TorchSharp;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Mixing;

/// <summary>Seeded inputs for the mixing tests and plain managed reads of tensors.</summary>
internal static class MixingSamples
{
    /// <summary>Distinct float images [B, C, H, W] and labels in [0, classes) from a seeded generator (the caller's scope owns them).</summary>
    public static (Tensor Images, Tensor Labels) Batch(int batch, int channels, int height, int width, int classes, ulong seed)
    {
        using var generator = new Generator(seed);
        var images = randn(new long[] { batch, channels, height, width }, generator: generator);
        var labels = randint(0, classes, new long[] { batch }, generator: generator);
        return (images, labels);
    }

    public static float[] Floats(Tensor t) { using var c = t.contiguous().to(ScalarType.Float32); return c.data<float>().ToArray(); }
    public static long[] Longs(Tensor t) { using var c = t.contiguous(); return c.data<long>().ToArray(); }

    /// <summary>timm's mixup_target written out: λ·y_i + (1 − λ)·y_partner(i) with off = ε/C, on = 1 − ε + ε/C.</summary>
    public static double ExpectedTarget(long label, long partnerLabel, int c, double lambda, int classes, double smoothing)
    {
        double off = smoothing / classes, on = 1 - smoothing + off;
        return lambda * (label == c ? on : off) + (1 - lambda) * (partnerLabel == c ? on : off);
    }

    public static void AssertTargets(Tensor targets, long[] labels, long[] partner, double lambda, int classes, double smoothing)
    {
        Assert.Equal(ScalarType.Float32, targets.dtype);
        Assert.Equal(new long[] { labels.Length, classes }, targets.shape);
        var t = Floats(targets);
        for (int i = 0; i < labels.Length; i++)
            for (int c = 0; c < classes; c++)
                Assert.Equal(ExpectedTarget(labels[i], labels[partner[i]], c, lambda, classes, smoothing), t[i * classes + c], tolerance: 1e-6);
    }

    /// <summary>Binomial acceptance band: mean ± 5 standard deviations (false alarm ≈ 6e-7).</summary>
    public static (double Low, double High) Band(int trials, double p)
    {
        double mean = trials * p, sd = Math.Sqrt(trials * p * (1 - p));
        return (mean - 5 * sd, mean + 5 * sd);
    }
}
