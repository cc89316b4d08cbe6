using TorchSharp;
using TorchSharp.Modules;
using TrainDsl.Models;
using TrainDsl.Precision;
using TrainDsl.Runs;
using TrainDsl.Tests.Data;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Precision;

/// <summary>
/// MixedPrecision on SmallCnn: fp32 master weights, a 16-bit working copy with fp32 normalisation,
/// gradients that match fp32 to 16-bit accuracy, fp16 loss scaling with skipped steps, and resume.
/// Its models draw their initial weights from libtorch's global generator, so it runs alone: with other
/// tests drawing meanwhile, the weights (and whether a "clean" fp16 step overflows) would vary.
/// </summary>
[Collection(nameof(GlobalRandomState))]
public class MixedPrecisionTests
{
    static SmallCnn NewModel() => new(1, 10);

    static (Tensor Images, Tensor Labels) RandomBatch(int n, long seed)
    {
        using var generator = new Generator((ulong)seed);
        return (randn(new long[] { n, 1, 28, 28 }, generator: generator),
                randint(0, 10, new long[] { n }, ScalarType.Int64, generator: generator));
    }

    static optim.Optimizer Sgd(nn.Module model) =>
        optim.SGD(model.parameters(), 0.05, momentum: 0.9, weight_decay: 5e-4, nesterov: true);

    static void TrainSteps(MixedPrecision amp, optim.Optimizer optimizer, int steps, long seed)
    {
        for (int i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            var (images, labels) = RandomBatch(16, seed + i);
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(amp.Forward(images), labels);
            amp.Backward(loss);
            amp.Step(optimizer);
        }
    }

    /// <summary>Exactly equal values (TorchSharp's Tensor.equal compares element-wise).</summary>
    internal static bool Same(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return a.dtype == b.dtype && a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
    }

    static double RelativeError(Tensor expected, Tensor actual)
    {
        using var scope = NewDisposeScope();
        return (actual.to(ScalarType.Float32) - expected).norm().item<float>() / expected.norm().item<float>();
    }

    [Fact]
    public void MasterWeightsStayFp32AndTheOptimizersOwn()
    {
        using var model = NewModel();
        var before = model.named_parameters().ToDictionary(p => p.name, p => (p.parameter, Values: p.parameter.clone()));
        using var amp = new MixedPrecision(model, NewModel, AmpPrecision.BFloat16);
        using var optimizer = Sgd(model);
        model.train();
        TrainSteps(amp, optimizer, 3, seed: 1);

        foreach (var (name, p) in model.named_parameters())
        {
            Assert.Equal(ScalarType.Float32, p.dtype);
            Assert.Same(before[name].parameter, p);
            Assert.False(Same(p, before[name].Values), $"{name} was not updated");
        }
        foreach (var (name, b) in model.named_buffers())
            Assert.Equal(name.EndsWith("num_batches_tracked") ? ScalarType.Int64 : ScalarType.Float32, b.dtype);
        foreach (var v in before.Values) v.Values.Dispose();
    }

    [Fact]
    public void WorkingCopyIs16BitExceptNormalisation()
    {
        foreach (var precision in new[] { AmpPrecision.BFloat16, AmpPrecision.Float16 })
        {
            using var model = NewModel();
            using var amp = new MixedPrecision(model, NewModel, precision);
            var working = amp.ForEvaluation();
            var half = LowPrecisionModel.ScalarTypeOf(precision);
            foreach (var (name, module) in working.named_modules())
            {
                foreach (var (pname, p) in module.named_parameters(recurse: false))
                    Assert.True(p.dtype == (LowPrecisionModel.IsNormalization(module) ? ScalarType.Float32 : half), $"{name}.{pname} is {p.dtype}");
            }
            Assert.Equal(precision == AmpPrecision.BFloat16 ? ScalarType.BFloat16 : ScalarType.Float16, half);
            Assert.Contains(working.named_modules(), m => m.module is BatchNorm2d);
        }
    }

    // PyTorch 2.6 autocast on this problem (bench/Amp/peer_amp.py gradients, the same seeded weights and batch):
    // the fp32 loss and the relative error ‖g16 − g32‖ / ‖g32‖ of each autocast gradient. At initialisation the
    // gradients of the early layers are small differences of large terms (BatchNorm's backward removes the mean
    // and the projection on the normalised input), so 16-bit rounding moves them by 5–25%, in PyTorch as here.
    const double PyTorchFp32Loss = 2.794170618057251;
    static readonly string[] Names =
    [
        "features.0.weight", "features.1.weight", "features.1.bias", "features.3.weight", "features.4.weight", "features.4.bias",
        "features.7.weight", "features.8.weight", "features.8.bias", "features.10.weight", "features.11.weight", "features.11.bias",
        "classifier.0.weight", "classifier.1.weight", "classifier.1.bias", "classifier.3.weight", "classifier.3.bias",
    ];
    static readonly double[] AutocastBf16Error =
        [0.2235, 0.1731, 0.2044, 0.1788, 0.2388, 0.2125, 0.1669, 0.1809, 0.1930, 0.1546, 0.1198, 0.2598, 0.1071, 0.0160, 0.0931, 0.0155, 0.0038];
    static readonly double[] AutocastFp16Error =
        [0.0626, 0.0433, 0.0545, 0.0576, 0.0744, 0.0664, 0.0542, 0.0481, 0.0582, 0.0490, 0.0328, 0.0790, 0.0303, 0.0019, 0.0287, 0.0021, 0.0007];

    /// <summary>peer_amp.py's seeded(): He-normal weights, BatchNorm γ = 1 and β = 0, zero biases, then a batch of 32, from one generator.</summary>
    static (Tensor Images, Tensor Labels) Seeded(nn.Module model, ulong seed = 3)
    {
        using var generator = new Generator(seed);
        using (no_grad())
            foreach (var (name, p) in model.named_parameters())
            {
                if (p.dim() > 1) p.copy_(randn(p.shape, generator: generator) * Math.Sqrt(2.0 / (p.numel() / p.shape[0])));
                else if (name.EndsWith("weight")) p.fill_(1.0);
                else p.zero_();
            }
        return (randn(new long[] { 32, 1, 28, 28 }, generator: generator), randint(0, 10, new long[] { 32 }, ScalarType.Int64, generator: generator));
    }

    [Theory]
    [InlineData(AmpPrecision.BFloat16)]
    [InlineData(AmpPrecision.Float16)]
    public void GradientsAreAsCloseToFp32AsPyTorchAutocasts(AmpPrecision precision)
    {
        using var model = NewModel();
        using var reference = NewModel();
        var (images, labels) = Seeded(reference);
        Seeded(model);
        using var amp = new MixedPrecision(model, NewModel, precision);
        model.train(); reference.train();

        var fp32Loss = nn.functional.cross_entropy(reference.call(images), labels);
        Assert.Equal(PyTorchFp32Loss, fp32Loss.item<float>(), 1e-5); // same weights, data and architecture as the PyTorch run
        fp32Loss.backward();
        var loss = nn.functional.cross_entropy(amp.Forward(images), labels);
        amp.Backward(loss);

        Assert.Equal(Names, model.named_parameters().Select(p => p.name));
        var expected = reference.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!);
        var autocast = precision == AmpPrecision.BFloat16 ? AutocastBf16Error : AutocastFp16Error;
        int i = 0;
        foreach (var (name, p) in model.named_parameters())
        {
            Assert.Equal(ScalarType.Float32, p.grad!.dtype);
            double error = RelativeError(expected[name], p.grad), bound = 1.5 * autocast[i++] + 0.005;
            Assert.True(error < bound, $"{precision} gradient of {name}: relative error {error:G3}, PyTorch autocast's {autocast[i - 1]:G3}");
        }
        // Batch statistics went to the master's fp32 running estimates.
        var referenceStats = reference.named_buffers().ToDictionary(b => b.name, b => b.buffer);
        foreach (var (name, b) in model.named_buffers().Where(b => b.name.EndsWith("running_mean") || b.name.EndsWith("running_var")))
            Assert.True(RelativeError(referenceStats[name], b) < 0.02, $"{name} differs from fp32");
        images.Dispose(); labels.Dispose();
    }

    [Fact]
    public void Fp16StepWithAnInfGradientIsSkippedAndTheScaleHalves()
    {
        using var model = NewModel();
        // A modest initial scale, so the clean steps cannot overflow fp16 whatever the draw; the
        // behaviour under test (skip, halve) does not depend on the scale's value.
        using var amp = new MixedPrecision(model, NewModel, AmpPrecision.Float16, new DynamicLossScaler(initialScale: 1024));
        using var optimizer = Sgd(model);
        model.train();
        TrainSteps(amp, optimizer, 1, seed: 3); // gives the optimizer momentum to disturb
        Assert.Equal(1024.0, amp.Scaler!.Scale);
        var before = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());

        using (var scope = NewDisposeScope())
        {
            var (images, labels) = RandomBatch(16, seed: 4);
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(amp.Forward(images), labels) * float.PositiveInfinity;
            amp.Backward(loss);
            Assert.False(amp.Step(optimizer));
        }
        Assert.True(amp.LastStepSkipped);
        Assert.Equal(512.0, amp.Scaler.Scale);
        Assert.Equal(1, amp.Scaler.SkippedSteps);
        foreach (var (name, p) in model.named_parameters())
            Assert.True(Same(p, before[name]), $"{name} changed in a skipped step");

        // The next clean step goes through: momentum state was not touched by inf/NaN.
        TrainSteps(amp, optimizer, 1, seed: 5);
        Assert.False(amp.LastStepSkipped);
        foreach (var (name, p) in model.named_parameters())
            Assert.True(p.isfinite().all().item<bool>(), $"{name} is not finite after the skipped step");
        foreach (var t in before.Values) t.Dispose();
    }

    [Fact]
    public void Fp16ScaleGrowsAfterCleanSteps()
    {
        using var model = NewModel();
        using var amp = new MixedPrecision(model, NewModel, AmpPrecision.Float16, new DynamicLossScaler(initialScale: 256, growthInterval: 2));
        using var optimizer = Sgd(model);
        model.train();
        TrainSteps(amp, optimizer, 1, seed: 1);
        Assert.Equal(256.0, amp.Scaler!.Scale);
        TrainSteps(amp, optimizer, 1, seed: 2);
        Assert.Equal(512.0, amp.Scaler.Scale);
        Assert.Equal(0, amp.Scaler.SkippedSteps);
    }

    [Fact]
    public void ResumeRestoresTheScalerAndTheMasterWeights()
    {
        using var folder = SharedData.NewFolder();
        var checkpoint = Path.Combine(folder.Path, "model.bin");
        Tensor expected;
        string? state;
        {
            using var model = NewModel();
            using var amp = new MixedPrecision(model, NewModel, AmpPrecision.Float16, new DynamicLossScaler(initialScale: 1024, growthInterval: 4));
            using var optimizer = Sgd(model);
            model.train();
            TrainSteps(amp, optimizer, 2, seed: 10);
            amp.Scaler!.Update(true); // as after a skipped step
            Checkpoint.Save(model, checkpoint);
            state = amp.SaveState();
            model.eval();
            using var noGrad = no_grad();
            expected = amp.Forward(RandomBatch(8, seed: 99).Images).DetachFromDisposeScope();
        }
        Assert.NotNull(state);

        using var resumed = NewModel();
        using var resumedAmp = new MixedPrecision(resumed, NewModel, AmpPrecision.Float16, new DynamicLossScaler(growthInterval: 4));
        // Loading after the pairing must reach the working copy too: weights are cast each forward,
        // normalisation weights and statistics share the master's storage.
        Checkpoint.Load(resumed, checkpoint);
        resumedAmp.LoadState(state);
        Assert.Equal(512.0, resumedAmp.Scaler!.Scale);
        Assert.Equal(0, resumedAmp.Scaler.GrowthTracker);
        Assert.Equal(1, resumedAmp.Scaler.SkippedSteps);
        Assert.Equal(4, resumedAmp.Scaler.GrowthInterval);
        resumed.eval();
        using (no_grad())
        {
            using var actual = resumedAmp.Forward(RandomBatch(8, seed: 99).Images);
            Assert.True(Same(actual, expected), "the resumed 16-bit model computes something else");
        }
        expected.Dispose();
    }

    [Fact]
    public void NoBiasDecayParameterGroupsStepTheMasterWeights()
    {
        using var model = NewModel();
        using var amp = new MixedPrecision(model, NewModel);
        var decay = model.named_parameters().Where(p => p.parameter.dim() > 1).Select(p => p.parameter).ToList();
        var noDecay = model.named_parameters().Where(p => p.parameter.dim() <= 1).Select(p => p.parameter).ToList();
        using var optimizer = optim.SGD(
            [new TorchSharp.Modules.SGD.ParamGroup(decay, new TorchSharp.Modules.SGD.Options { weight_decay = 5e-4 }),
             new TorchSharp.Modules.SGD.ParamGroup(noDecay, new TorchSharp.Modules.SGD.Options { weight_decay = 0 })],
            0.05, momentum: 0.9, nesterov: true);
        var before = model.parameters().Select(p => p.clone()).ToList();
        model.train();
        TrainSteps(amp, optimizer, 2, seed: 20);
        var after = model.parameters().ToList();
        for (int i = 0; i < after.Count; i++)
            Assert.False(Same(after[i], before[i]), $"parameter {i} was not stepped");
        foreach (var t in before) t.Dispose();
    }

    [Fact]
    public void MixedTargetsAndA16BitTeacherTrainTogether()
    {
        // A MixUp-style batch (Zhang et al. 2018) and distillation from a bf16 teacher: the loss stays fp32.
        using var model = NewModel();
        using var amp = new MixedPrecision(model, NewModel);
        using var teacher = new LowPrecisionModel(NewModel());
        teacher.eval();
        using var optimizer = Sgd(model);
        var (images, labels) = RandomBatch(32, seed: 40);
        const double Lambda = 0.7;
        using var mixed = images * Lambda + images.flip(0) * (1 - Lambda);
        using var oneHot = nn.functional.one_hot(labels, 10).to(ScalarType.Float32);
        using var target = oneHot * Lambda + oneHot.flip(0) * (1 - Lambda);
        var criterion = new TrainDsl.Losses.DistillationLoss(temperature: 4, alpha: 0.5);

        model.train();
        var losses = new List<float>();
        for (int i = 0; i < 8; i++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            Tensor teacherLogits;
            using (no_grad()) teacherLogits = teacher.call(mixed);
            Assert.Equal(ScalarType.Float32, teacherLogits.dtype);
            var loss = criterion.Forward(amp.Forward(mixed), teacherLogits, target);
            Assert.Equal(ScalarType.Float32, loss.dtype);
            amp.Backward(loss);
            Assert.True(amp.Step(optimizer));
            losses.Add(loss.item<float>());
        }
        Assert.True(losses[^1] < losses[0], $"the loss went from {losses[0]:F3} to {losses[^1]:F3}");
        images.Dispose(); labels.Dispose();
    }

    [Theory]
    [InlineData(AmpPrecision.BFloat16)]
    [InlineData(AmpPrecision.Float16)]
    public void StepsLeaveNoTensorsBehind(AmpPrecision precision)
    {
        using var model = NewModel();
        using var amp = new MixedPrecision(model, NewModel, precision);
        using var optimizer = Sgd(model);
        model.train();
        TrainSteps(amp, optimizer, 2, seed: 30); // the optimizer's momentum buffers appear in the first step
        long live = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        TrainSteps(amp, optimizer, 4, seed: 32);
        Assert.Equal(live, TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void RejectsAWorkingCopyOfAnotherArchitecture()
    {
        using var model = NewModel();
        var e = Assert.Throws<ArgumentException>(() => new MixedPrecision(model, () => new SmallCnn(3, 10)));
        Assert.Contains("working copy", e.Message);
        Assert.Throws<ArgumentException>(() => new MixedPrecision(model, () => model));
    }

    [Fact]
    public void StepWithoutBackwardSaysWhatToCall()
    {
        using var model = NewModel();
        using var amp = new MixedPrecision(model, NewModel);
        using var optimizer = Sgd(model);
        var e = Assert.Throws<InvalidOperationException>(() => amp.Step(optimizer));
        Assert.Contains("Backward", e.Message);
    }
}
