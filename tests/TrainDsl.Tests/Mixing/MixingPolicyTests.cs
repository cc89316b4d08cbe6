using TrainDsl.Mixing;
using TrainDsl.Tests.Data;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Mixing;

/// <summary>The policy: skipping with smoothed targets, switching between methods, seeding, scopes, bad input.</summary>
public class MixingPolicyTests
{
    // Tests here may create a torch.Generator before any tensor, so load libtorch first.
    public MixingPolicyTests() => TrainDsl.Runs.TorchRuntime.EnsureLoaded();

    static MixingMethod[] AllThree => [new MixUp(0.8), new CutMix(1.0), new FMix(1.0, 3.0)];

    [Fact]
    public void MixProbabilityZeroLeavesImagesAndSmoothsTargets()
    {
        using var scope = NewDisposeScope();
        var (x, y) = MixingSamples.Batch(7, 1, 6, 6, classes: 5, seed: 3);
        var labels = MixingSamples.Longs(y);
        foreach (var policy in new[]
                 {
                     new MixingPolicy(AllThree, classes: 5, labelSmoothing: 0.1, mixProbability: 0, seed: 1),
                     new MixingPolicy([], classes: 5, labelSmoothing: 0.1, seed: 1),
                 })
            using (policy)
                for (int call = 0; call < 5; call++)
                {
                    var kept = policy.Mix(x, y);
                    Assert.Equal(MixKind.None, kept.Kind);
                    Assert.Equal(1.0, kept.Lambda);
                    Assert.Null(kept.Partner);
                    TensorAssert.Identical(x, kept.Images);
                    MixingSamples.AssertTargets(kept.Targets, labels, Enumerable.Range(0, 7).Select(i => (long)i).ToArray(), 1.0, 5, 0.1);
                }
    }

    [Fact]
    public void SwitchProbabilityChoosesBetweenTwoMethodsAsTimm()
    {
        // [MixUp, CutMix] with switch probability p: CutMix with probability p (timm's switch_prob).
        foreach (var p in new[] { 0.5, 0.2 })
        {
            var counts = Counts(new MixingPolicy([new MixUp(), new CutMix()], 2, switchProbability: p, seed: 4), 2000);
            var (low, high) = MixingSamples.Band(2000, p);
            Assert.InRange(counts[MixKind.CutMix], low, high);
            Assert.Equal(2000, counts[MixKind.CutMix] + counts[MixKind.MixUp]);
        }
        Assert.Equal(1000, Counts(new MixingPolicy([new MixUp(), new CutMix()], 2, switchProbability: 0, seed: 4), 1000)[MixKind.MixUp]);
        Assert.Equal(1000, Counts(new MixingPolicy([new CutMix(), new MixUp()], 2, switchProbability: 1, seed: 4), 1000)[MixKind.MixUp]);
    }

    [Fact]
    public void SwitchProbabilitySpreadsEvenlyOverTheOtherMethods()
    {
        // Three methods, p = 0.6: the first 0.4, the other two 0.3 each.
        var counts = Counts(new MixingPolicy(AllThree, 2, switchProbability: 0.6, seed: 8), 3000);
        foreach (var (kind, share) in new[] { (MixKind.MixUp, 0.4), (MixKind.CutMix, 0.3), (MixKind.FMix, 0.3) })
        {
            var (low, high) = MixingSamples.Band(3000, share);
            Assert.InRange(counts[kind], low, high);
        }
    }

    [Fact]
    public void MixProbabilityIsTheShareOfMixedBatches()
    {
        var counts = Counts(new MixingPolicy([new MixUp()], 2, mixProbability: 0.3, seed: 6), 2000);
        var (low, high) = MixingSamples.Band(2000, 0.3);
        Assert.InRange(counts[MixKind.MixUp], low, high);
        Assert.Equal(2000 - counts[MixKind.MixUp], counts[MixKind.None]);
    }

    [Fact]
    public void ChooseMapsTheSwitchDraw()
    {
        // p = 0.6 over three methods: u in [0, 0.3) → 1, [0.3, 0.6) → 2, [0.6, 1) → 0.
        Assert.Equal(1, MixingPolicy.Choose(3, 0.6, () => 0.0));
        Assert.Equal(1, MixingPolicy.Choose(3, 0.6, () => 0.29));
        Assert.Equal(2, MixingPolicy.Choose(3, 0.6, () => 0.31));
        Assert.Equal(2, MixingPolicy.Choose(3, 0.6, () => 0.5999));
        Assert.Equal(0, MixingPolicy.Choose(3, 0.6, () => 0.6));
        Assert.Equal(0, MixingPolicy.Choose(3, 0.6, () => 0.99));
        Assert.Equal(0, MixingPolicy.Choose(1, 0.6, () => throw new InvalidOperationException("No draw is needed for one method.")));
    }

    [Fact]
    public void SameSeedGivesTheSameBatchesAndAnotherSeedDoesNot()
    {
        using var scope = NewDisposeScope();
        var (x, y) = MixingSamples.Batch(9, 1, 28, 28, classes: 10, seed: 2);
        List<(MixKind, double, float[], float[])> Run(long seed)
        {
            using var policy = new MixingPolicy(AllThree, 10, 0.1, switchProbability: 2.0 / 3, seed: seed);
            return Enumerable.Range(0, 12).Select(_ =>
            {
                var m = policy.Mix(x, y);
                return (m.Kind, m.Lambda, MixingSamples.Floats(m.Images), MixingSamples.Floats(m.Targets));
            }).ToList();
        }
        var a = Run(42); var b = Run(42); var c = Run(43);
        Assert.Equal(a.Select(r => (r.Item1, r.Item2)), b.Select(r => (r.Item1, r.Item2)));
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Item3, b[i].Item3);
            Assert.Equal(a[i].Item4, b[i].Item4);
        }
        Assert.NotEqual(a.Select(r => r.Item2), c.Select(r => r.Item2));
        Assert.True(a.Select(r => r.Item1).Distinct().Count() == 3, "Twelve draws with p = 2/3 should use all three methods.");
    }

    [Fact]
    public void OnlyTheReturnedTensorsReachTheCallersScope()
    {
        // Temporaries die in Mix's own scopes; the caller's scope gains exactly the batch's tensors.
        var (x, y) = MixingSamples.Batch(7, 1, 28, 28, classes: 10, seed: 2);
        try
        {
            foreach (var (method, expected) in new (MixingMethod?, int)[] { (new MixUp(), 3), (new CutMix(), 3), (new FMix(), 4), (null, 2) })
            {
                using var policy = new MixingPolicy(method is null ? [] : [method], 10, 0.1, seed: 1);
                for (int call = 0; call < 3; call++)
                {
                    using var scope = NewDisposeScope();
                    var mixed = policy.Mix(x, y);
                    Assert.Equal(expected, scope.DisposablesCount);
                    Assert.False(mixed.Images.IsInvalid);
                }
            }
        }
        finally { x.Dispose(); y.Dispose(); }
    }

    [Fact]
    public void BadInputIsRejectedWithOneSentence()
    {
        using var scope = NewDisposeScope();
        using var policy = new MixingPolicy([new MixUp()], classes: 3, seed: 1);
        var bytes = zeros(new long[] { 2, 1, 4, 4 }, ScalarType.Byte);
        Assert.Contains("float images", Assert.Throws<ArgumentException>(() => policy.Mix(bytes, tensor(new long[] { 0, 1 }))).Message);
        var images = zeros(2, 1, 4, 4);
        Assert.Contains("[0, 2]", Assert.Throws<ArgumentException>(() => policy.Mix(images, tensor(new long[] { 0, 3 }))).Message);
        Assert.Contains("int64 labels", Assert.Throws<ArgumentException>(() => policy.Mix(images, tensor(new long[] { 0, 1, 2 }))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MixUp(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CutMix(double.NaN));
        Assert.Contains("once", Assert.Throws<ArgumentException>(() => new MixingPolicy([new MixUp(), new MixUp(0.2)], 3)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MixingPolicy([new MixUp()], 3, mixProbability: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MixingPolicy([new MixUp()], 3, switchProbability: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MixingPolicy([new MixUp()], 3, labelSmoothing: 2));
    }

    static Dictionary<MixKind, int> Counts(MixingPolicy policy, int calls)
    {
        using (policy)
        {
            var counts = Enum.GetValues<MixKind>().ToDictionary(k => k, _ => 0);
            using var images = zeros(2, 1, 4, 4);
            using var labels = tensor(new long[] { 0, 1 });
            for (int n = 0; n < calls; n++)
            {
                using var scope = NewDisposeScope();
                counts[policy.Mix(images, labels).Kind]++;
            }
            return counts;
        }
    }
}
