using TrainDsl.Mixing;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Mixing;

/// <summary>timm's mixup_target: smoothing applied once to the one-hot rows, then mixed.</summary>
public class MixupTargetTests
{
    // Tests here may create a torch.Generator before any tensor, so load libtorch first.
    public MixupTargetTests() => TrainDsl.Runs.TorchRuntime.EnsureLoaded();

    [Fact]
    public void SmoothedThenMixedByHand()
    {
        // ε = 0.1, C = 10: off = 0.01, on = 0.91. λ = 0.3, labels (2, 5), partner (1, 0):
        // row 0 = 0.3·y(2) + 0.7·y(5): 0.28 at class 2, 0.64 at class 5, 0.01 elsewhere.
        using var scope = NewDisposeScope();
        var t = MixingSamples.Floats(MixupTarget.Mixed(tensor(new long[] { 2, 5 }), tensor(new long[] { 1, 0 }), 0.3, 10, 0.1));
        var row0 = Enumerable.Repeat(0.01, 10).ToArray(); row0[2] = 0.28; row0[5] = 0.64;
        // row 1 = 0.3·y(5) + 0.7·y(2): 0.28 at class 5 and 0.64 at class 2.
        var row1 = Enumerable.Repeat(0.01, 10).ToArray(); row1[5] = 0.28; row1[2] = 0.64;
        for (int c = 0; c < 10; c++)
        {
            Assert.Equal(row0[c], t[c], tolerance: 1e-6);
            Assert.Equal(row1[c], t[10 + c], tolerance: 1e-6);
        }
    }

    [Fact]
    public void SmoothedRowsAreTimmsOneHot()
    {
        using var scope = NewDisposeScope();
        var t = MixingSamples.Floats(MixupTarget.Smoothed(tensor(new long[] { 0, 3, 3 }), 4, 0.2));
        // off = 0.05, on = 0.85.
        double[] expected = [0.85, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.85, 0.05, 0.05, 0.05, 0.85];
        Assert.Equal(expected.Length, t.Length);
        for (int i = 0; i < t.Length; i++) Assert.Equal(expected[i], t[i], tolerance: 1e-6);
        var plain = MixingSamples.Floats(MixupTarget.Smoothed(tensor(new long[] { 1 }), 3, 0));
        Assert.Equal(new[] { 0f, 1f, 0f }, plain);
    }
}
