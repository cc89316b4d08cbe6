using TrainDsl.Augment;
using TrainDsl.Tests.Data;
using TrainDsl.Tests.Numerics;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Augment;

/// <summary>
/// RandomResizedCrop against torchvision (tests/references/random_resized_crop.py): the resize of given boxes on
/// Fashion-MNIST images against resized_crop(antialias=False), the central fallback against get_params, and the
/// box sampler against the distribution torchvision's get_params defines.
/// </summary>
public class RandomResizedCropTests(ITestOutputHelper output)
{
    private const string File = "random_resized_crop.json";

    /// <summary>Rounding only: PyTorch computes the source coordinates of float32 images in float32, this class in float64 (measured: 1.3e-6).</summary>
    private const double Tolerance = 1e-5;

    // Tests here may create a torch.Generator before any tensor, so load libtorch first.
    static RandomResizedCropTests() => TrainDsl.Runs.TorchRuntime.EnsureLoaded();

    public static IEnumerable<object[]> Cases => ReferenceData.Cases(File, c => c.GetProperty("name").GetString()!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void ResizedCropOfGivenBoxesMatchesTorchvision(string name, int index)
    {
        var c = ReferenceData.Case(File, index);
        using var scope = NewDisposeScope();
        var shape = c.GetProperty("shape").Longs();
        var size = c.GetProperty("size").Ints();
        var pixels = tensor(c.GetProperty("bytes").Ints().Select(v => (byte)v).ToArray()).reshape(shape);
        var boxes = tensor(c.GetProperty("boxes").EnumerateArray().SelectMany(b => b.Longs()).ToArray()).view(-1, 4);
        var expected = tensor(c.GetProperty("expected").Doubles()).reshape(shape[0], shape[1], size[0], size[1]);

        foreach (var dtype in new[] { ScalarType.Float32, ScalarType.Float64 })
        {
            var images = pixels.to(dtype) / 255;
            var resized = RandomResizedCrop.ResizedCrop(images, boxes, size[0], size[1]);

            Assert.Equal(dtype, resized.dtype);
            Assert.Equal(expected.shape, resized.shape);
            double difference = (resized.to(ScalarType.Float64) - expected).abs().max().item<double>();
            output.WriteLine($"{name}, {dtype}: largest difference from torchvision {difference:E2} " +
                $"(grid_sample: {c.GetProperty("gridSampleMaxDiff").GetDouble():E2}, antialias=True: {c.GetProperty("antialiasMaxDiff").GetDouble():E2})");
            Assert.True(difference <= Tolerance, $"{name}, {dtype}: differs from torchvision by {difference:E2}.");
        }
    }

    [Fact]
    public void TheIdentityBoxIsAnExactCopy()
    {
        using var scope = NewDisposeScope();
        var images = randn(3, 2, 9, 7);
        var whole = tensor(new long[] { 0, 0, 9, 7 }).expand(3, 4);
        TensorAssert.Identical(images, RandomResizedCrop.ResizedCrop(images, whole, 9, 7));
    }

    [Fact]
    public void DefaultsAreTorchvisions()
    {
        var defaults = ReferenceData.Load(File).GetProperty("defaults");
        Assert.Equal(defaults.GetProperty("scale").Doubles(), new[] { Defaults.ResizedCropMinScale, Defaults.ResizedCropMaxScale });
        Assert.Equal(defaults.GetProperty("ratio").Doubles(), new[] { Defaults.ResizedCropMinRatio, Defaults.ResizedCropMaxRatio });
    }

    /// <summary>
    /// Where no draw can fit, every box is torchvision's central fallback: the sampler's for scale = (1, 1) with ratios
    /// that miss the image's, and CentralBox itself for all four (the whole-image one needs scale &gt; 1 in get_params).
    /// </summary>
    [Fact]
    public void WhenNoDrawFitsEveryBoxIsTorchvisionsCentralFallback()
    {
        foreach (var c in ReferenceData.Load(File).GetProperty("fallbacks").EnumerateArray())
        {
            int height = c.GetProperty("height").GetInt32(), width = c.GetProperty("width").GetInt32();
            var (scale, ratio, box) = (c.GetProperty("scale").Doubles(), c.GetProperty("ratio").Doubles(), c.GetProperty("box").Ints());
            Assert.Equal((box[0], box[1], box[2], box[3]), RandomResizedCrop.CentralBox(height, width, ratio[0], ratio[1]));
            if (scale[1] > 1) continue;

            using var scope = NewDisposeScope();
            using var crop = new RandomResizedCrop(scale[0], scale[1], ratio[0], ratio[1], seed: 4);
            var boxes = crop.SampleBoxes(64, height, width);
            TensorAssert.Identical(tensor(box.Select(v => (long)v).ToArray()).expand(64, 4), boxes);
        }
    }

    /// <summary>
    /// 20 000 boxes on a 1024 × 1024 image with scale (0.08, 0.5), where every first draw fits (the widest box is
    /// √(0.5 · 4/3) ≈ 0.82 of the side), so the boxes follow the draws: area fraction uniform on the scale range,
    /// log(w / h) uniform on the log-ratio range, top and left uniform on the free rows and columns.
    /// </summary>
    [Fact]
    public void BoxesAreUniformInAreaLogRatioAndPosition()
    {
        const int n = 20_000, side = 1024;
        const double minScale = 0.08, maxScale = 0.5, minRatio = 0.75, maxRatio = 4.0 / 3;
        using var crop = new RandomResizedCrop(minScale, maxScale, minRatio, maxRatio, seed: 21);
        var (top, left, h, w) = Columns(crop.SampleBoxes(n, side, side));

        var area = new double[n]; var logRatio = new double[n]; var rows = new double[n]; var columns = new double[n];
        double areaSlack = 0, ratioSlack = 0, positionSlack = 0;
        for (int i = 0; i < n; i++)
        {
            Assert.True(h[i] >= 1 && w[i] >= 1 && top[i] >= 0 && left[i] >= 0 && top[i] + h[i] <= side && left[i] + w[i] <= side, $"box {i} leaves the image");
            // w and h are the exact √(A·r) and √(A / r) rounded, so each is within ½ of its exact value: the area
            // w·h within ½(w + h) + ¾ of A, and log(w / h) within ½/(w − ½) + ½/(h − ½) of log r.
            double areaError = (0.5 * (w[i] + h[i]) + 0.75) / ((double)side * side);
            double ratioError = 0.5 / (w[i] - 0.5) + 0.5 / (h[i] - 0.5);
            area[i] = (double)w[i] * h[i] / ((double)side * side);
            logRatio[i] = Math.Log((double)w[i] / h[i]);
            Assert.InRange(area[i], minScale - areaError, maxScale + areaError);
            Assert.InRange(logRatio[i], Math.Log(minRatio) - ratioError, Math.Log(maxRatio) + ratioError);
            areaSlack = Math.Max(areaSlack, areaError / (maxScale - minScale));
            ratioSlack = Math.Max(ratioSlack, ratioError / (Math.Log(maxRatio) - Math.Log(minRatio)));
            // top is uniform on the integers 0 … side − h; (top + ½) / (side − h + 1) is within ½ / (side − h + 1) of a U(0, 1) draw.
            rows[i] = (top[i] + 0.5) / (side - h[i] + 1);
            columns[i] = (left[i] + 0.5) / (side - w[i] + 1);
            positionSlack = Math.Max(positionSlack, 0.5 / Math.Min(side - h[i] + 1, side - w[i] + 1));
        }

        // Dvoretzky–Kiefer–Wolfowitz (Massart 1990): P(D > ε) ≤ 2 exp(−2nε²), so n exact draws exceed
        // ε = √(ln(2/α) / 2n) with probability at most α = 1e-6 (ε = 0.019 here); the rounding moves each value, so
        // the empirical CDF, by at most its slack on the unit scale. Drawing r uniformly instead of log r gives 0.07.
        double bound = Math.Sqrt(Math.Log(2 / 1e-6) / (2.0 * n));
        AssertUniform("area fraction", area.Select(a => (a - minScale) / (maxScale - minScale)), bound + areaSlack);
        AssertUniform("log ratio", logRatio.Select(r => (r - Math.Log(minRatio)) / (Math.Log(maxRatio) - Math.Log(minRatio))), bound + ratioSlack);
        AssertUniform("top", rows, bound + positionSlack);
        AssertUniform("left", columns, bound + positionSlack);
    }

    [Fact]
    public void DefaultBoxesStayInsideSmallImages()
    {
        using var crop = new RandomResizedCrop(seed: 8);
        foreach (var (height, width) in new[] { (28, 28), (32, 32), (24, 40), (1, 1) })
        {
            var (top, left, h, w) = Columns(crop.SampleBoxes(2000, height, width));
            for (int i = 0; i < top.Length; i++)
                Assert.True(h[i] >= 1 && w[i] >= 1 && top[i] >= 0 && left[i] >= 0 && top[i] + h[i] <= height && left[i] + w[i] <= width,
                    $"({top[i]}, {left[i]}, {h[i]}, {w[i]}) leaves the {height} × {width} image");
        }
    }

    [Fact]
    public void TheSeedDecidesTheBatchAndTheStateResumesIt()
    {
        using var scope = NewDisposeScope();
        var images = rand(16, 3, 20, 20);
        using var crop = new RandomResizedCrop(seed: 7);
        using var same = new RandomResizedCrop(seed: 7);
        using var other = new RandomResizedCrop(seed: 8);
        var first = crop.Apply(images);
        TensorAssert.Identical(first, same.Apply(images));
        Assert.False(first.equal(other.Apply(images)).all().item<bool>(), "two seeds gave the same crops");

        // The generator's position after a batch is all a resumed run needs to draw the next one.
        var state = crop.SaveState();
        var next = crop.Apply(images);
        using var resumed = new RandomResizedCrop(seed: 99);
        resumed.LoadState(state);
        TensorAssert.Identical(next, resumed.Apply(images));
        Assert.False(next.equal(first).all().item<bool>(), "the generator did not move between batches");
    }

    [Fact]
    public void ApplyResizesTheSampledBoxesToTheOutputSize()
    {
        using var scope = NewDisposeScope();
        var images = randn(5, 3, 28, 28);
        using var sampler = new RandomResizedCrop(0.2, 0.9, 0.5, 2, seed: 3);
        using var crop = new RandomResizedCrop(0.2, 0.9, 0.5, 2, seed: 3, size: (16, 24));
        var boxes = sampler.SampleBoxes(5, 28, 28);
        var resized = crop.Apply(images);
        Assert.Equal([5L, 3, 16, 24], resized.shape);
        TensorAssert.Identical(RandomResizedCrop.ResizedCrop(images, boxes, 16, 24), resized);
    }

    [Fact]
    public void BadSettingsAndInputsAreRejectedInOneSentence()
    {
        Assert.Contains("minScale ≤ maxScale", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomResizedCrop(0.5, 0.2)).Message);
        Assert.Contains("maxScale ≤ 1", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomResizedCrop(0.5, 1.5)).Message);
        Assert.Contains("0 < minScale", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomResizedCrop(0, 1)).Message);
        Assert.Contains("minRatio ≤ maxRatio", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomResizedCrop(minRatio: 2, maxRatio: 1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomResizedCrop(minScale: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomResizedCrop(size: (0, 4)));

        using var scope = NewDisposeScope();
        using var crop = new RandomResizedCrop(seed: 1);
        Assert.Contains("floating-point", Assert.Throws<ArgumentException>(() => crop.Apply(zeros(2, 1, 8, 8, ScalarType.Byte))).Message);
        Assert.Contains("[B, C, H, W]", Assert.Throws<ArgumentException>(() => crop.Apply(zeros(1, 8, 8))).Message);
        var outside = tensor(new long[] { 2, 0, 7, 8 }).view(1, 4);
        Assert.Contains("inside", Assert.Throws<ArgumentException>(() => RandomResizedCrop.ResizedCrop(zeros(1, 1, 8, 8), outside, 8, 8)).Message);
    }

    [Fact]
    public void ThePlanNamesTheRangesToThreeDigits()
    {
        Assert.Equal("random resized crop (scale 0.08–1, ratio 0.75–1.33)",
            RandomResizedCrop.Describe(Defaults.ResizedCropMinScale, Defaults.ResizedCropMaxScale, Defaults.ResizedCropMinRatio, Defaults.ResizedCropMaxRatio));
    }

    /// <summary>The columns of int64 [B, 4] boxes: top, left, height, width.</summary>
    private static (long[] Top, long[] Left, long[] Height, long[] Width) Columns(Tensor boxes)
    {
        using (boxes)
        {
            var values = boxes.contiguous().data<long>().ToArray();
            long[] Column(int k) => Enumerable.Range(0, values.Length / 4).Select(i => values[4 * i + k]).ToArray();
            return (Column(0), Column(1), Column(2), Column(3));
        }
    }

    /// <summary>The Kolmogorov–Smirnov distance of the values from U(0, 1) is at most <paramref name="bound"/>.</summary>
    private void AssertUniform(string what, IEnumerable<double> values, double bound)
    {
        var sorted = values.Order().ToArray();
        double distance = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            double cdf = Math.Clamp(sorted[i], 0, 1);
            distance = Math.Max(distance, Math.Max((i + 1.0) / sorted.Length - cdf, cdf - (double)i / sorted.Length));
        }
        output.WriteLine($"{what}: Kolmogorov–Smirnov distance {distance:F4}, bound {bound:F4}");
        Assert.True(distance <= bound, $"{what}: the Kolmogorov–Smirnov distance from uniform is {distance:F4}, above {bound:F4}.");
    }
}
