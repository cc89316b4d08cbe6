using TorchSharp;
using TrainDsl.Data;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Data;

/// <summary>Batching of the real Fashion-MNIST training set.</summary>
public class BatchLoaderTests
{
    static ImageDataset Train => SharedData.Fashion.Train;

    static long[] LabelsOf(Batch batch) => batch.Labels.data<long>().ToArray();

    static List<long> EpochLabels(BatchLoader loader, int epoch, int batches)
    {
        var labels = new List<long>();
        foreach (var batch in loader.Epoch(epoch).Take(batches))
            using (batch) labels.AddRange(LabelsOf(batch));
        return labels;
    }

    [Fact]
    public void CountFollowsDropLast()
    {
        // 60,000 = 468 × 128 + 96.
        Assert.Equal(468, new BatchLoader(Train, 128, shuffle: true, dropLast: true, seed: 1).Count);
        Assert.Equal(469, new BatchLoader(Train, 128, shuffle: true, dropLast: false, seed: 1).Count);
        Assert.Equal(60, new BatchLoader(Train, 1_000, shuffle: false, dropLast: true, seed: 1).Count);

        var sizes = new BatchLoader(Train, 128, shuffle: true, dropLast: false, seed: 1).Epoch(0)
            .Select(b => { using (b) return b.Size; }).ToList();
        Assert.Equal(469, sizes.Count);
        Assert.All(sizes.Take(468), s => Assert.Equal(128, s));
        Assert.Equal(96, sizes[^1]);
        var dropped = new BatchLoader(Train, 128, shuffle: true, dropLast: true, seed: 1).Epoch(0)
            .Select(b => { using (b) return b.Size; }).ToList();
        Assert.Equal(468, dropped.Count);
        Assert.All(dropped, s => Assert.Equal(128, s));
    }

    [Fact]
    public void OrderDependsOnlyOnSeedAndEpoch()
    {
        var loader = new BatchLoader(Train, 256, shuffle: true, dropLast: false, seed: 7);
        var epoch3 = EpochLabels(loader, 3, 4);
        Assert.Equal(epoch3, EpochLabels(new BatchLoader(Train, 256, shuffle: true, dropLast: false, seed: 7), 3, 4));
        Assert.Equal(epoch3, EpochLabels(loader, 3, 4)); // replaying an epoch
        Assert.NotEqual(epoch3, EpochLabels(loader, 4, 4));
        Assert.NotEqual(epoch3, EpochLabels(new BatchLoader(Train, 256, shuffle: true, dropLast: false, seed: 8), 3, 4));

        using var scope = NewDisposeScope();
        var a = loader.Epoch(5).First(); var b = loader.Epoch(5).First();
        a.AttachTo(scope); b.AttachTo(scope);
        TensorAssert.Identical(b.Images, a.Images);
    }

    [Fact]
    public void ShuffleIsPyTorchsRandpermSeededWithSeedPlusEpoch()
    {
        // Fashion-MNIST with TrainLimit 20: images 2c and 2c+1 are the first two of class c.
        using var small = IdxDataset.FashionMnist.Load(SharedData.Options with { TrainLimit = 20, TestLimit = 10 });
        // PyTorch 2.6: torch.randperm(20, generator=torch.Generator().manual_seed(12)).tolist()
        long[] perm = [3, 15, 12, 8, 5, 16, 17, 11, 2, 6, 14, 4, 7, 19, 9, 0, 18, 1, 10, 13];
        using var batch = new BatchLoader(small.Train, 20, shuffle: true, dropLast: false, seed: 10).Epoch(2).Single();
        Assert.Equal(perm.Select(i => i / 2), LabelsOf(batch));

        using var scope = NewDisposeScope();
        var expected = small.Train.Images.index_select(0, tensor(perm)).to(ScalarType.Float32).div(255).sub(0.2860).div(0.3530);
        Assert.True(batch.Images.allclose(expected, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void EveryImageAppearsOncePerEpoch()
    {
        var loader = new BatchLoader(Train, 500, shuffle: true, dropLast: false, seed: 3);
        var counts = new long[10];
        long pixelSum = 0;
        foreach (var batch in loader.Epoch(1))
        {
            using var scope = NewDisposeScope();
            batch.AttachTo(scope);
            foreach (var label in LabelsOf(batch)) counts[label]++;
            // Undoing (x/255 − mean)/std recovers the exact bytes, so the epoch's pixel sum is exact.
            pixelSum += batch.Images.mul(0.3530 * 255).add(0.2860 * 255).round().to(ScalarType.Int64).sum().item<long>();
        }
        Assert.All(counts, n => Assert.Equal(6_000, n));
        using var whole = NewDisposeScope();
        Assert.Equal(Train.Images.to(ScalarType.Int64).sum().item<long>(), pixelSum);
    }

    [Fact]
    public void ImagesAreNormalisedWithThePublishedStatistics()
    {
        // Without shuffling, batch 0 is the first 64 images in dataset order.
        using var batch = new BatchLoader(Train, 64, shuffle: false, dropLast: false, seed: 0).Epoch(0).First();
        Assert.Equal(ScalarType.Float32, batch.Images.dtype);
        Assert.Equal(ScalarType.Int64, batch.Labels.dtype);
        Assert.Equal(new long[] { 64, 1, 28, 28 }, batch.Images.shape);
        Assert.Equal(Train.Labels.data<long>().Take(64), LabelsOf(batch));

        var raw = Train.Images.data<byte>();
        var normalised = batch.Images.data<float>();
        long brightest = 0;
        for (long i = 0; i < 784; i++) if (raw[i] > raw[brightest]) brightest = i;
        foreach (var at in new[] { brightest, 0L, 64 * 784 - 1 })
        {
            // (x/255 − mean)/std with Fashion-MNIST's published mean 0.2860 and std 0.3530.
            double expected = (raw[at] / 255.0 - 0.2860) / 0.3530;
            Assert.Equal(expected, normalised[at], 1e-5);
        }
        Assert.True(raw[brightest] > 0);
    }

    [Fact]
    public void BatchesBelongToNoScopeAndAttachedScopesFreeThem()
    {
        var stats = DisposeScopeManager.Statistics;
        // Without prefetching, so every tensor is made and freed on this thread, whose counts these are.
        var loader = new BatchLoader(Train, 1_000, shuffle: true, dropLast: false, seed: 11, prefetch: 0);
        long before = stats.ThreadTotalLiveCount;
        long peak = 0;
        using (var outer = NewDisposeScope())
        {
            foreach (var batch in loader.Epoch(0))
            {
                Assert.False(outer.Contains(batch.Images));
                Assert.False(outer.Contains(batch.Labels));
                using var scope = NewDisposeScope();
                batch.AttachTo(scope);
                _ = batch.Images.mean().item<float>();
                peak = Math.Max(peak, stats.ThreadTotalLiveCount - before);
            }
        }
        Assert.Equal(before, stats.ThreadTotalLiveCount);
        Assert.InRange(peak, 1, 8); // the epoch's permutation plus the current batch, not a growing pile

        // Leaving an epoch early frees its permutation too.
        foreach (var batch in loader.Epoch(1)) { batch.Dispose(); break; }
        Assert.Equal(before, stats.ThreadTotalLiveCount);
    }

    [Fact]
    public void BadArgumentsAreExplained()
    {
        var zero = Assert.Throws<ArgumentException>(() => new BatchLoader(Train, 0, shuffle: true, dropLast: false, seed: 0));
        Assert.Contains("at least 1", zero.Message);
        using var small = IdxDataset.FashionMnist.Load(SharedData.Options with { TrainLimit = 20, TestLimit = 10 });
        var tooBig = Assert.Throws<ArgumentException>(() => new BatchLoader(small.Train, 32, shuffle: true, dropLast: true, seed: 0));
        Assert.Contains("dropLast", tooBig.Message);
        Assert.Equal(1, new BatchLoader(small.Train, 32, shuffle: true, dropLast: false, seed: 0).Count);
    }
}
