using TrainDsl.Mixing;
using TrainDsl.Tests.Numerics;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Mixing;

/// <summary>MixUp through the policy: x̃ = λx + (1 − λ)x[perm] and timm's mixed targets, for the returned λ and partner.</summary>
public class MixUpTests
{
    // Tests here may create a torch.Generator before any tensor, so load libtorch first.
    public MixUpTests() => TrainDsl.Runs.TorchRuntime.EnsureLoaded();

    [Fact]
    public void ImagesAndTargetsFollowTheFormulaForAnOddBatch()
    {
        using var scope = NewDisposeScope();
        var (x, y) = MixingSamples.Batch(7, 3, 5, 6, classes: 4, seed: 21);
        var xs = MixingSamples.Floats(x); var labels = MixingSamples.Longs(y);
        using var policy = new MixingPolicy([new MixUp(0.8)], classes: 4, labelSmoothing: 0.1, seed: 5);
        int per = 3 * 5 * 6;
        var lambdas = new List<double>();
        for (int call = 0; call < 6; call++)
        {
            var mixed = policy.Mix(x, y);
            Assert.Equal(MixKind.MixUp, mixed.Kind);
            var partner = MixingSamples.Longs(mixed.Partner!);
            Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)i), partner.Order());
            double lambda = mixed.Lambda;
            Assert.InRange(lambda, 0.0, 1.0);
            lambdas.Add(lambda);
            var got = MixingSamples.Floats(mixed.Images);
            for (int i = 0; i < 7; i++)
                for (int k = 0; k < per; k++)
                    Assert.Equal(lambda * xs[i * per + k] + (1 - lambda) * xs[partner[i] * per + k], got[i * per + k], tolerance: 1e-5);
            MixingSamples.AssertTargets(mixed.Targets, labels, partner, lambda, 4, 0.1);
        }
        Assert.True(lambdas.Distinct().Count() == lambdas.Count, "Each call should draw a new λ.");
        Assert.Equal(MixingSamples.Floats(MixingSamples.Batch(7, 3, 5, 6, 4, 21).Images), xs); // inputs untouched
    }

    [Fact]
    public void LambdaAndPartnerFollowPyTorchsDrawsForTheSeed()
    {
        // The policy's documented draw order (u, λ, randperm) replayed in PyTorch with the same seed.
        foreach (var c in ReferenceData.Load("mixing_references.json").GetProperty("mixup_stream").EnumerateArray())
        {
            using var scope = NewDisposeScope();
            int batch = c.GetProperty("batch").GetInt32();
            var (x, y) = MixingSamples.Batch(batch, 1, 4, 4, classes: 3, seed: 1);
            using var policy = new MixingPolicy([new MixUp(c.GetProperty("alpha").GetDouble())], classes: 3,
                seed: c.GetProperty("seed").GetInt64());
            foreach (var call in c.GetProperty("calls").EnumerateArray())
            {
                var mixed = policy.Mix(x, y);
                Assert.Equal(call.GetProperty("lambda").GetDouble(), mixed.Lambda, tolerance: 1e-13);
                Assert.Equal(call.GetProperty("partner").Longs(), MixingSamples.Longs(mixed.Partner!));
            }
        }
    }

    [Fact]
    public void ApplyAtTheEndsOfLambdaGivesEitherImage()
    {
        using var scope = NewDisposeScope();
        var (x, _) = MixingSamples.Batch(5, 1, 3, 3, 2, seed: 4);
        var partner = tensor(new long[] { 4, 3, 2, 1, 0 });
        Assert.Equal(MixingSamples.Floats(x), MixingSamples.Floats(MixUp.Apply(x, partner, 1.0)));
        Assert.Equal(MixingSamples.Floats(x.index_select(0, partner)), MixingSamples.Floats(MixUp.Apply(x, partner, 0.0)));
    }
}
