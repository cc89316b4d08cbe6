using TrainDsl.Data;
using TrainDsl.Tests.Numerics;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Data;

/// <summary>Long-tailed training subsets: CIFAR-LT class sizes, the first n_c images per class, ratio 1 and bad ratios.</summary>
public class LongTailTests
{
    // Tests here may create a torch.Generator before any tensor, so load libtorch first.
    public LongTailTests() => TrainDsl.Runs.TorchRuntime.EnsureLoaded();

    [Fact]
    public void ClassSizesEqualTheCifarLtFormula()
    {
        foreach (var c in ReferenceData.Load("mixing_references.json").GetProperty("long_tail").EnumerateArray())
            Assert.Equal(c.GetProperty("sizes").Longs(),
                LongTail.ClassSizes(c.GetProperty("nMax").GetInt32(), c.GetProperty("classes").GetInt32(), c.GetProperty("ratio").GetDouble()));
        // The published sizes of CIFAR-10-LT and CIFAR-100-LT at imbalance 100.
        Assert.Equal(12_406, LongTail.ClassSizes(5000, 10, 100).Sum());
        Assert.Equal(10_847, LongTail.ClassSizes(500, 100, 100).Sum());
        Assert.Equal([7L], LongTail.ClassSizes(7, 1, 100));
    }

    [Fact]
    public void FashionMnistAtRatio100KeepsTheFirstImagesOfEachClass()
    {
        var train = SharedData.Fashion.Train;
        using var tail = LongTail.Apply(train, 100);
        long[] expected = [6000, 3596, 2156, 1292, 774, 464, 278, 166, 100, 60];
        Assert.Equal(expected, tail.ClassCounts());
        Assert.Equal(train.ClassNames, tail.ClassNames);
        using var scope = NewDisposeScope();
        // Class by class, the kept images are the class's first n_c images, in the original order.
        for (int c = 0; c < 10; c++)
        {
            var original = train.Images.index_select(0, train.Labels.eq(c).nonzero().flatten().narrow(0, 0, expected[c]));
            var kept = tail.Images.index_select(0, tail.Labels.eq(c).nonzero().flatten());
            TensorAssert.Identical(original, kept);
        }
        // Images keep their relative order across classes too.
        var positions = cat(Enumerable.Range(0, 10).Select(c => train.Labels.eq(c).nonzero().flatten().narrow(0, 0, expected[c])).ToList(), 0).sort().Values;
        TensorAssert.Identical(train.Labels.index_select(0, positions), tail.Labels);
    }

    [Fact]
    public void RatioOneKeepsEveryImageInANewDataset()
    {
        using var scope = NewDisposeScope();
        using var train = Synthetic([3, 3, 3]);
        var same = LongTail.Apply(train, 1);
        TensorAssert.Identical(train.Images, same.Images);
        TensorAssert.Identical(train.Labels, same.Labels);
        same.Dispose();
        Assert.Equal([3L, 3, 3], train.ClassCounts()); // the original survives disposing the subset
    }

    [Fact]
    public void AClassSmallerThanItsQuotaKeepsWhatItHas()
    {
        // Counts (8, 2, 8), ratio 4: n_max = 8, quotas 8, 4, 2; class 1 has only 2.
        using var train = Synthetic([8, 2, 8]);
        using var tail = LongTail.Apply(train, 4);
        Assert.Equal([8L, 2, 2], tail.ClassCounts());
    }

    [Fact]
    public void RatioBelowOneIsRejectedWithOneSentence()
    {
        using var train = Synthetic([2, 2]);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LongTail.Apply(train, 0.5));
        Assert.Contains("at least 1", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => LongTail.ClassSizes(100, 10, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => LongTail.ClassSizes(100, 10, double.PositiveInfinity));
    }

    /// <summary>Images whose single pixel is their index, labels interleaved so classes are not contiguous.</summary>
    static ImageDataset Synthetic(int[] counts)
    {
        using var scope = NewDisposeScope();
        var labels = counts.SelectMany((n, c) => Enumerable.Range(0, n).Select(i => (i, c))).OrderBy(t => t.i).ThenBy(t => t.c).Select(t => (long)t.c).ToArray();
        var images = arange(labels.Length, ScalarType.Int64).to(ScalarType.Byte).view(-1, 1, 1, 1);
        return new ImageDataset(images, tensor(labels), counts.Select((_, c) => $"class {c}").ToArray(), [0.5f], [0.25f]);
    }
}
