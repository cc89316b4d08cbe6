using TorchSharp;
using TrainDsl.Augment;
using TrainDsl.Tests.Data;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Augment;

/// <summary>RandomCrop against torchvision's definition: pad by p, take the H × W window at (top, left) ∈ [0, 2p]².</summary>
public class RandomCropTests
{
    // Tests here may create a torch.Generator before any tensor, so load libtorch first.
    public RandomCropTests() => TrainDsl.Runs.TorchRuntime.EnsureLoaded();

    /// <summary>out[b, c, i, j] = x[b, c, top + i − p, left + j − p] inside the image, the fill outside.</summary>
    static double[] PadThenWindow(double[] x, int B, int C, int H, int W, long[] top, long[] left, int p, double fill)
    {
        var output = new double[x.Length];
        for (int b = 0; b < B; b++)
            for (int c = 0; c < C; c++)
                for (int i = 0; i < H; i++)
                    for (int j = 0; j < W; j++)
                    {
                        long r = top[b] + i - p, s = left[b] + j - p;
                        output[((b * C + c) * H + i) * W + j] = r >= 0 && r < H && s >= 0 && s < W ? x[((b * C + c) * H + r) * W + s] : fill;
                    }
        return output;
    }

    static double[] Doubles(Tensor t) { using var d = t.to(ScalarType.Float64).contiguous(); return d.data<double>().ToArray(); }

    [Fact]
    public void CropEqualsPadThenWindowForGivenOffsets()
    {
        using var scope = NewDisposeScope();
        const int B = 5, C = 2, H = 6, W = 7, p = 2;
        using var generator = new Generator(3);
        long[] top = [0, 4, 2, 1, 3], left = [4, 0, 2, 3, 1];
        var bytes = randint(0, 256, new long[] { B, C, H, W }, ScalarType.Byte, generator: generator);
        var cropped = RandomCrop.Crop(bytes, tensor(top), tensor(left), p);
        Assert.Equal(ScalarType.Byte, cropped.dtype);
        Assert.Equal(bytes.shape, cropped.shape);
        Assert.Equal(PadThenWindow(Doubles(bytes), B, C, H, W, top, left, p, 0), Doubles(cropped));

        var floats = randn(new long[] { B, C, H, W }, generator: generator);
        var croppedFloats = RandomCrop.Crop(floats, tensor(top), tensor(left), p, fill: -1.5);
        Assert.Equal(PadThenWindow(Doubles(floats), B, C, H, W, top, left, p, -1.5), Doubles(croppedFloats));
    }

    [Fact]
    public void OffsetsAreUniformOverZeroToTwoPAndSeeded()
    {
        // Pixel values encode their position (1 + i·W + j), so each output reveals its window's offsets.
        using var scope = NewDisposeScope();
        const int B = 1000, H = 8, W = 8, p = 2;
        var image = (arange(H * W, ScalarType.Int64) + 1).to(ScalarType.Byte).view(1, 1, H, W);
        var batch = image.expand(B, 1, H, W).contiguous();
        using var crop = new RandomCrop(p, seed: 11);
        var output = crop.Apply(batch);
        var values = Doubles(output);
        var top = new long[B]; var left = new long[B];
        for (int b = 0; b < B; b++)
        {
            int k = Array.FindIndex(values, b * H * W, H * W, v => v != 0) - b * H * W; // first image pixel in the window
            int source = (int)values[b * H * W + k] - 1;
            top[b] = source / W - k / W + p; left[b] = source % W - k % W + p;
            Assert.InRange(top[b], 0, 2 * p); Assert.InRange(left[b], 0, 2 * p);
        }
        Assert.Equal(values, Doubles(RandomCrop.Crop(batch, tensor(top), tensor(left), p)));
        for (int o = 0; o <= 2 * p; o++)
        {
            var (low, high) = (B / 5.0 - 5 * Math.Sqrt(B * 0.16), B / 5.0 + 5 * Math.Sqrt(B * 0.16));
            Assert.InRange(top.Count(t => t == o), low, high);
            Assert.InRange(left.Count(l => l == o), low, high);
        }

        using var same = new RandomCrop(p, seed: 11);
        using var other = new RandomCrop(p, seed: 12);
        TensorAssert.Identical(output, same.Apply(batch));
        Assert.NotEqual(values, Doubles(other.Apply(batch)));
    }

    [Fact]
    public void ZeroPaddingIsTheIdentityAndNegativePaddingIsRejected()
    {
        using var scope = NewDisposeScope();
        var x = randn(3, 1, 5, 5);
        using var crop = new RandomCrop(0, seed: 1);
        TensorAssert.Identical(x, crop.Apply(x));
        Assert.Contains("negative", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomCrop(-1, seed: 1)).Message);
    }
}
