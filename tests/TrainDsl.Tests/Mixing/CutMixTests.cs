using TorchSharp;
using TrainDsl.Mixing;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Mixing;

/// <summary>CutMix: the box from the partner, λ the kept area after clipping, sides H·√(1 − λ).</summary>
public class CutMixTests
{
    // Tests here may create a torch.Generator before any tensor, so load libtorch first.
    public CutMixTests() => TrainDsl.Runs.TorchRuntime.EnsureLoaded();

    [Fact]
    public void LambdaIsTheKeptAreaAndPixelsComeFromTheRightImage()
    {
        using var scope = NewDisposeScope();
        const int B = 7, C = 2, H = 9, W = 11;
        var (x, y) = MixingSamples.Batch(B, C, H, W, classes: 5, seed: 8);
        var xs = MixingSamples.Floats(x); var labels = MixingSamples.Longs(y);
        using var policy = new MixingPolicy([new CutMix(1.0)], classes: 5, labelSmoothing: 0.2, seed: 3);
        int partial = 0;
        for (int call = 0; call < 40; call++)
        {
            var mixed = policy.Mix(x, y);
            Assert.Equal(MixKind.CutMix, mixed.Kind);
            var box = mixed.Box!.Value;
            var partner = MixingSamples.Longs(mixed.Partner!);
            var got = MixingSamples.Floats(mixed.Images);
            int inBox = 0;
            for (int i = 0; i < H; i++)
                for (int j = 0; j < W; j++)
                    if (box.Contains(i, j)) inBox++;
            Assert.Equal(1.0 - (double)inBox / (H * W), mixed.Lambda); // exactly the kept area
            if (inBox > 0 && inBox < H * W) partial++;
            for (int b = 0; b < B; b++)
                for (int c = 0; c < C; c++)
                    for (int i = 0; i < H; i++)
                        for (int j = 0; j < W; j++)
                        {
                            long source = box.Contains(i, j) ? partner[b] : b;
                            Assert.Equal(xs[((source * C + c) * H + i) * W + j], got[((b * C + c) * H + i) * W + j]);
                        }
            MixingSamples.AssertTargets(mixed.Targets, labels, partner, mixed.Lambda, 5, 0.2);
        }
        Assert.True(partial > 20, $"Only {partial} of 40 boxes were partial; the box should usually cover part of the image.");
    }

    [Fact]
    public void BoxSidesAreHTimesRootOneMinusLambdaUnlessClipped()
    {
        // λ = 0.64: cut_rat = 0.6, sides ⌊28·0.6⌋ = 16 rows and ⌊20·0.6⌋ = 12 columns. Centre c_y uniform on
        // 0..27 and rows [c_y − 8, c_y + 8): clipped when c_y < 8 or c_y > 20, probability 15/28.
        using var generator = new Generator(12);
        const int draws = 2000;
        int clippedRows = 0;
        for (int n = 0; n < draws; n++)
        {
            var box = CutMix.RandomBox(28, 20, 0.64, generator);
            Assert.True(box.Height == 16 || box.Top == 0 || box.Top + box.Height == 28, $"Rows {box.Top}+{box.Height} are neither 16 long nor clipped.");
            Assert.True(box.Width == 12 || box.Left == 0 || box.Left + box.Width == 20, $"Columns {box.Left}+{box.Width} are neither 12 wide nor clipped.");
            Assert.InRange(box.Height, 16 - 8, 16);
            Assert.InRange(box.Width, 12 - 6, 12);
            if (box.Height < 16) clippedRows++;
        }
        var (low, high) = MixingSamples.Band(draws, 15.0 / 28);
        Assert.InRange(clippedRows, low, high);
    }

    [Fact]
    public void LambdaOneKeepsTheImage()
    {
        using var generator = new Generator(1);
        var box = CutMix.RandomBox(28, 28, 1.0, generator);
        Assert.Equal(0, box.Height * box.Width);
        Assert.Equal(1.0, box.KeptFraction);
        using var scope = NewDisposeScope();
        var (x, _) = MixingSamples.Batch(3, 1, 28, 28, 2, seed: 2);
        Assert.Equal(MixingSamples.Floats(x), MixingSamples.Floats(CutMix.Apply(x, tensor(new long[] { 2, 0, 1 }), box)));
    }
}
