using TrainDsl.Runs;
using static TorchSharp.torch;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>A small CNN whose gradients are clipped to a global L2 norm of 0.5 before each step.</summary>
[Experiment(Epochs = 1, BatchSize = 64, Seed = 3)]
[Data(FashionMnist, TrainLimit = 1280, TestLimit = 200)]
[Model(SmallCnn)]
[Optimizer(Sgd)]
[ClipGradNorm(MaxNorm = 0.5)]
public partial class ClippedRun;

/// <summary>[ClipGradNorm]: the generated step clips with clip_grad_norm_, whose rule is PyTorch's.</summary>
[Collection(TrainingCollection.Name)]
public class ClipGradNormTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("traindsl-clip-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    [Fact]
    public void AClippedRunNamesTheClipInItsPlanAndLearns()
    {
        var result = ClippedRun.Train(settings: new RunSettings { OutputRoot = output, Log = null, Threads = 2 });

        Assert.Equal(0.5, new ClippedRun.Config().MaxGradNorm);
        Assert.Contains("gradients clipped to L2 norm 0.5", ClippedRun.Plan().Optimizer);
        Assert.Equal("completed", result.Run.Status);
        Assert.True(result.Final!.Accuracy > 0.5, $"accuracy {result.Final.Accuracy}");
    }

    /// <summary>
    /// Clipped to a norm of 1e-30, the gradients vanish and SGD only applies weight decay through momentum: every weight
    /// then follows the same scalar recursion, w_T = c_T · w_0, which an unclipped step would break. c_T comes from
    /// PyTorch's SGD update (d = g + λw; b = μb + d, b = d at the first step; Nesterov d + μb) with g = 0.
    /// </summary>
    [Fact]
    public void AVanishingClipLeavesOnlyWeightDecayInTheSteps()
    {
        var config = new ClippedRun.Config { MaxGradNorm = 1e-30 };
        var result = ClippedRun.Train(config, new RunSettings { OutputRoot = output, Log = null, Threads = 2 });
        var plan = ClippedRun.Plan(config);

        double w = 1, buffer = 0, lr = plan.EpochLearningRates[0];
        for (int step = 0; step < plan.StepsPerEpoch; step++)
        {
            double d = config.WeightDecay * w;
            buffer = step == 0 ? d : config.Momentum * buffer + d;
            w -= lr * (config.Nesterov ? d + config.Momentum * buffer : buffer);
        }
        manual_seed(config.Seed);
        using var initial = ClippedRun.CreateModel(1, 10);
        using var trained = ClippedRun.CreateModel(1, 10);
        trained.load(result.Run.Checkpoint!);
        var (name, w0) = initial.named_parameters().First();
        using var ratio = trained.named_parameters().First(p => p.name == name).parameter / w0;

        Assert.True(w < 1 - 1e-4, $"weight decay should shrink the weights, c_T = {w}");
        Assert.Equal(w, ratio.min().item<float>(), 4);
        Assert.Equal(w, ratio.max().item<float>(), 4);
    }

    /// <summary>
    /// torch.nn.utils.clip_grad_norm_'s documented rule: the norm of all gradients together, and each gradient scaled
    /// by min(1, max_norm / (norm + 1e-6)). Gradients (3, 4) and (12) have norm 13; clipped to 6.5 they halve.
    /// </summary>
    [Fact]
    public void ClipGradNormScalesAllGradientsByOneFactor()
    {
        using var a = new TorchSharp.Modules.Parameter(zeros(2));
        using var b = new TorchSharp.Modules.Parameter(zeros(1));
        using (var loss = (a * tensor(new float[] { 3, 4 })).sum() + (b * 12).sum()) loss.backward();

        double norm = nn.utils.clip_grad_norm_(new[] { a, b }, 6.5);

        Assert.Equal(13, norm, 5);
        double factor = 6.5 / (13 + 1e-6);
        Assert.Equal(new[] { 3 * factor, 4 * factor }, a.grad!.data<float>().ToArray().Select(v => (double)v), new ToleranceComparer(1e-6));
        Assert.Equal(12 * factor, b.grad!.item<float>(), 5);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
