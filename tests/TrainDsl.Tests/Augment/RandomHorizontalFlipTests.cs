using TorchSharp;
using TrainDsl.Augment;
using TrainDsl.Tests.Data;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Augment;

/// <summary>RandomHorizontalFlip: exactly the chosen samples are mirrored, with probability p each, seeded.</summary>
public class RandomHorizontalFlipTests
{
    // Tests here may create a torch.Generator before any tensor, so load libtorch first.
    public RandomHorizontalFlipTests() => TrainDsl.Runs.TorchRuntime.EnsureLoaded();

    static float[] Floats(Tensor t) { using var c = t.to(ScalarType.Float32).contiguous(); return c.data<float>().ToArray(); }

    [Fact]
    public void FlipsExactlyTheChosenSamples()
    {
        using var scope = NewDisposeScope();
        const int B = 5, C = 2, H = 3, W = 4;
        var x = randn(new long[] { B, C, H, W }, generator: new Generator(1));
        bool[] chosen = [true, false, true, true, false];
        var xs = Floats(x);
        var got = Floats(RandomHorizontalFlip.Flip(x, tensor(chosen)));
        for (int b = 0; b < B; b++)
            for (int c = 0; c < C; c++)
                for (int i = 0; i < H; i++)
                    for (int j = 0; j < W; j++)
                    {
                        int column = chosen[b] ? W - 1 - j : j;
                        Assert.Equal(xs[((b * C + c) * H + i) * W + column], got[((b * C + c) * H + i) * W + j]);
                    }
        var bytes = x.gt(0).to(ScalarType.Byte);
        Assert.Equal(ScalarType.Byte, RandomHorizontalFlip.Flip(bytes, tensor(chosen)).dtype);
    }

    [Fact]
    public void EachSampleFlipsWithProbabilityPAndTheSeedFixesWhich()
    {
        using var scope = NewDisposeScope();
        const int B = 2000;
        // Columns 0..3 hold 1..4, so a flipped row starts with 4.
        var batch = (arange(4, ScalarType.Float32) + 1).view(1, 1, 1, 4).expand(B, 1, 1, 4).contiguous();
        foreach (var p in new[] { 0.5, 0.2 })
        {
            using var flip = new RandomHorizontalFlip(p, seed: 7);
            var output = flip.Apply(batch);
            var first = Floats(output.select(3, 0).flatten());
            Assert.All(first, v => Assert.True(v == 1f || v == 4f));
            double low = B * p - 5 * Math.Sqrt(B * p * (1 - p)), high = B * p + 5 * Math.Sqrt(B * p * (1 - p));
            Assert.InRange(first.Count(v => v == 4f), low, high);
            using var same = new RandomHorizontalFlip(p, seed: 7);
            TensorAssert.Identical(output, same.Apply(batch));
            using var other = new RandomHorizontalFlip(p, seed: 8);
            Assert.NotEqual(first, Floats(other.Apply(batch).select(3, 0).flatten()));
        }
        using var never = new RandomHorizontalFlip(0, seed: 1);
        TensorAssert.Identical(batch, never.Apply(batch));
        using var always = new RandomHorizontalFlip(1, seed: 1);
        TensorAssert.Identical(batch.flip(3), always.Apply(batch));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomHorizontalFlip(1.5));
    }
}
