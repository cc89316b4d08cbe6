using TorchSharp;
using TrainDsl.Models;
using TrainDsl.Optim;
using TrainDsl.Precision;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Optim;

/// <summary>
/// Gradient accumulation: k micro-batches with their losses divided by k make the same optimizer step as one batch of
/// all their images (for a model without BatchNorm, whose output for an image does not depend on its batch), the epoch's
/// batches group into ⌊n / k⌋ steps, and mixed precision adds the micro-batches' gradients and checks them once per step.
/// </summary>
[Collection(nameof(Precision.GlobalRandomState))]
public class GradientAccumulationTests
{
    private const int MicroBatch = 8, K = 4;

    // No BatchNorm: with it, each micro-batch would be normalised by its own statistics and the equality would not hold.
    private static nn.Module<Tensor, Tensor> NewModel() => nn.Sequential(
        ("conv", nn.Conv2d(1, 4, 3)), ("relu", nn.ReLU()), ("flatten", nn.Flatten()), ("fc", nn.Linear(4 * 6 * 6, 5)));

    private static (Tensor Images, Tensor Labels) Batch(int n, long seed, ScalarType dtype = ScalarType.Float64)
    {
        using var generator = new Generator((ulong)seed);
        return (randn(new long[] { n, 1, 8, 8 }, dtype, generator: generator), randint(0, 5, new long[] { n }, ScalarType.Int64, generator: generator));
    }

    private static optim.Optimizer Sgd(nn.Module model) =>
        optim.SGD(model.parameters(), 0.1, momentum: 0.9, weight_decay: 5e-4, nesterov: true);

    private static void CopyWeights(nn.Module from, nn.Module to)
    {
        using var noGrad = no_grad();
        var source = from.state_dict();
        foreach (var (name, t) in to.state_dict()) t.copy_(source[name]);
    }

    [Fact]
    public void KMicroBatchesMakeTheStepOfOneBatchOfAllTheirImages()
    {
        // float64, so the only difference is the order of the sums (about 1e-16 relative), far below the 1e-6 asserted.
        using var big = NewModel().to(ScalarType.Float64);
        using var accumulated = NewModel().to(ScalarType.Float64);
        CopyWeights(big, accumulated);
        var initial = big.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        using var bigOptimizer = Sgd(big);
        using var accumulatedOptimizer = Sgd(accumulated);

        for (int step = 0; step < 3; step++) // momentum and weight decay take part from the second step on
        {
            using var scope = NewDisposeScope();
            var micro = Enumerable.Range(0, K).Select(i => Batch(MicroBatch, seed: 10 * step + i)).ToList();

            bigOptimizer.zero_grad();
            var images = cat(micro.Select(b => b.Images).ToArray());
            var labels = cat(micro.Select(b => b.Labels).ToArray());
            nn.functional.cross_entropy(big.call(images), labels).backward();
            bigOptimizer.step();

            // What the generated loop does with [GradientAccumulation(Steps = K)].
            foreach (var microBatches in GradientAccumulation.Steps(micro, micro.Count, K))
            {
                accumulatedOptimizer.zero_grad();
                foreach (var (x, y) in microBatches) (nn.functional.cross_entropy(accumulated.call(x), y) / K).backward();
                accumulatedOptimizer.step();
            }
        }

        var expected = big.state_dict();
        foreach (var (name, p) in accumulated.state_dict())
        {
            double error = (p - expected[name]).abs().max().item<double>();
            Assert.True(error <= 1e-6, $"{name} differs by {error:G3}");
            Assert.False(p.eq(initial[name]).all().item<bool>(), $"{name}: the steps changed nothing");
        }
    }

    [Fact]
    public void AnEpochGroupsIntoWholeStepsAndLeavesTheRemainderUndrawn()
    {
        int drawn = 0;
        IEnumerable<int> Batches() { for (int i = 0; i < 10; i++) { drawn++; yield return i; } }

        var steps = GradientAccumulation.Steps(Batches(), 10, 3).Select(s => s.ToList()).ToList();

        Assert.Equal([[0, 1, 2], [3, 4, 5], [6, 7, 8]], steps);
        Assert.Equal(9, drawn); // the tenth batch would make a smaller step: it is never drawn
        Assert.Equal(3, GradientAccumulation.StepsPerEpoch(10, 3));
        Assert.Equal(10, GradientAccumulation.StepsPerEpoch(10, 1));
    }

    [Fact]
    public void AStepWhoseMicroBatchesWereNotAllUsedIsRefused()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var step in GradientAccumulation.Steps(Enumerable.Range(0, 6), 6, 3)) step.First();
        });
        Assert.Contains("enumerate each step's batches", e.Message);
    }

    [Theory]
    [InlineData(AmpPrecision.BFloat16)]
    [InlineData(AmpPrecision.Float16)]
    public void MixedPrecisionAddsTheMicroBatchesGradients(AmpPrecision precision)
    {
        manual_seed(7);
        using var model = new SmallCnn(1, 10);
        using var amp = new MixedPrecision(model, () => new SmallCnn(1, 10), precision, channelsLast: false);
        using var still = optim.SGD(model.parameters(), 0.0); // resets the gradients between micro-batches, moves nothing
        model.train();
        var batches = Enumerable.Range(0, K).Select(i => MnistLike(seed: 40 + i)).ToList();

        // Each micro-batch's gradient on its own.
        var separate = new List<Tensor[]>();
        foreach (var (x, y) in batches)
        {
            using var scope = NewDisposeScope();
            amp.Backward(nn.functional.cross_entropy(amp.Forward(x), y) / K);
            separate.Add([.. model.parameters().Select(p => p.grad!.clone().DetachFromDisposeScope())]);
            Assert.True(amp.Step(still));
        }
        // The same micro-batches accumulated into one step.
        foreach (var (x, y) in batches)
        {
            using var scope = NewDisposeScope();
            amp.Backward(nn.functional.cross_entropy(amp.Forward(x), y) / K);
        }
        var parameters = model.parameters().ToArray();
        for (int i = 0; i < parameters.Length; i++)
        {
            using var sum = separate.Select(g => g[i]).Aggregate((a, b) => a + b);
            double scale = sum.abs().max().item<float>();
            double error = (parameters[i].grad! - sum).abs().max().item<float>();
            Assert.True(error <= 1e-6 * Math.Max(scale, 1), $"{precision} parameter {i}: accumulated gradient differs by {error:G3} (scale {scale:G3})");
        }
        Assert.True(amp.Step(still));
        foreach (var g in separate.SelectMany(g => g)) g.Dispose();
    }

    [Fact]
    public void AnInfInOneFp16MicroBatchSkipsTheWholeStepOnce()
    {
        manual_seed(8);
        using var model = new SmallCnn(1, 10);
        using var amp = new MixedPrecision(model, () => new SmallCnn(1, 10), AmpPrecision.Float16, new DynamicLossScaler(initialScale: 1024), channelsLast: false);
        using var optimizer = optim.SGD(model.parameters(), 0.1);
        model.train();
        var before = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        for (int i = 0; i < K; i++)
        {
            using var scope = NewDisposeScope();
            var (x, y) = MnistLike(seed: 50 + i);
            var loss = nn.functional.cross_entropy(amp.Forward(x), y) / K;
            amp.Backward(i == 1 ? loss * float.PositiveInfinity : loss);
        }
        Assert.False(amp.Step(optimizer));
        Assert.Equal(512.0, amp.Scaler!.Scale);
        Assert.Equal(1, amp.Scaler.SkippedSteps);
        foreach (var (name, p) in model.named_parameters()) Assert.True(p.eq(before[name]).all().item<bool>(), $"{name} changed in a skipped step");
        foreach (var t in before.Values) t.Dispose();
    }

    private static (Tensor Images, Tensor Labels) MnistLike(long seed)
    {
        using var generator = new Generator((ulong)seed);
        return (randn(new long[] { MicroBatch, 1, 28, 28 }, generator: generator), randint(0, 10, new long[] { MicroBatch }, ScalarType.Int64, generator: generator));
    }
}
