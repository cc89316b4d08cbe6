using TorchSharp;
using TrainDsl.Losses;
using TrainDsl.Mixing;
using TrainDsl.Models;
using TrainDsl.Optim;
using TrainDsl.Precision;
using TrainDsl.Schedules;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Ablation;

/// <summary>
/// The run-time switches ablate sets: each off path is the recipe without the trick, checked against the formula of that
/// recipe (cross-entropy of the plain or smoothed labels, one decayed group, plain fp32 forward and backward, the inner
/// schedule alone).
/// </summary>
public class SwitchOffTests
{
    private static readonly float[] LogitValues = [1.5f, -0.5f, 0.25f, 2f, 0f, 1f, -1f, 0.5f, 3f, 0.1f, -2f, 0.7f];
    private static readonly long[] Labels = [0, 2, 1];
    private const int Classes = 4;

    /// <summary>−(1/B) Σ_b Σ_c t_bc log softmax(z_b)_c with t = (1 − ε)·onehot + ε/K, in doubles.</summary>
    private static double CrossEntropy(double smoothing)
    {
        double total = 0;
        for (int b = 0; b < Labels.Length; b++)
        {
            var z = LogitValues.Skip(b * Classes).Take(Classes).Select(v => (double)v).ToArray();
            double logSum = Math.Log(z.Sum(Math.Exp));
            for (int c = 0; c < Classes; c++)
            {
                double target = (c == Labels[b] ? 1 - smoothing : 0) + smoothing / Classes;
                total -= target * (z[c] - logSum);
            }
        }
        return total / Labels.Length;
    }

    [Fact]
    public void MixingOffPassesTheBatchUnmixedAndTheLossIsTheSmoothedCrossEntropy()
    {
        using var scope = NewDisposeScope();
        using var policy = new MixingPolicy([new MixUp(0.2), new CutMix(1.0)], Classes, labelSmoothing: 0.1, mixProbability: 0, seed: 7);
        var images = arange(3 * 1 * 2 * 2, ScalarType.Float32).reshape(3, 1, 2, 2);
        var labels = tensor(Labels);

        for (int step = 0; step < 5; step++)
        {
            var mixed = policy.Mix(images, labels);
            Assert.Equal(MixKind.None, mixed.Kind);
            Assert.True((mixed.Images == images).all().item<bool>());
            var logits = tensor(LogitValues).reshape(3, Classes);
            double loss = new SoftTargetCrossEntropy().Forward(logits, mixed.Targets).item<float>();
            Assert.Equal(CrossEntropy(0.1), loss, 5);
        }
    }

    [Fact]
    public void DistillationOffIsTheLabelTermAloneAtFullWeight()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(LogitValues).reshape(3, Classes);
        var loss = new DistillationLoss(temperature: 4, alpha: 0.9).Forward(logits, null, tensor(Labels));
        Assert.Equal(CrossEntropy(0), loss.item<float>(), 5);
    }

    [Fact]
    public void NoBiasDecayOffPutsEveryParameterInOneDecayedGroup()
    {
        using var model = new SmallCnn(1, 10);
        var off = NoBiasDecay.SgdGroups(model, 5e-4, exempt: false);
        var on = NoBiasDecay.SgdGroups(model, 5e-4);

        var group = Assert.Single(off);
        Assert.Equal(5e-4, group.Options.weight_decay);
        Assert.Equal(model.parameters().Count(), group.Parameters.Count());
        Assert.Equal(2, on.Count); // SmallCnn: 11 exempt and 6 decayed (NoBiasDecayTests)
    }

    [Fact]
    public void AmpOffRunsThePlainFp32StepWithoutAWorkingCopy()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(3);
        using var model = new SmallCnn(1, 10);
        using var plain = new SmallCnn(1, 10);
        plain.load_state_dict(model.state_dict());
        using var amp = new MixedPrecision(model, () => throw new InvalidOperationException("no working copy when disabled"),
            AmpPrecision.Float16, enabled: false);
        var images = randn(4, 1, 28, 28);
        var labels = tensor(new long[] { 1, 2, 3, 4 });

        var logits = amp.Forward(images);
        var expected = plain.forward(images);
        Assert.True((logits == expected).all().item<bool>());
        amp.Backward(nn.functional.cross_entropy(logits, labels));
        nn.functional.cross_entropy(expected, labels).backward();
        foreach (var (a, b) in model.parameters().Zip(plain.parameters()))
            Assert.True((a.grad! == b.grad!).all().item<bool>());

        using var optimizer = optim.SGD(model.parameters(), 0.1);
        Assert.True(amp.Step(optimizer));
        Assert.Null(amp.Scaler); // fp16 off: no loss scaling either
        Assert.Same(model, amp.ForEvaluation());
        Assert.False(amp.Enabled);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WarmupOfZeroIsTheInnerScheduleAlone(bool restartInner)
    {
        var schedule = new LinearWarmup(new CosineAnnealingLR(tMax: 10), warmup: 0, startFactor: 0.1, restartInner: restartInner);
        for (int t = 0; t <= 10; t++)
            Assert.Equal(0.1 * (1 + Math.Cos(Math.PI * t / 10)) / 2, schedule.At(t, 0.1), 12); // η·(1 + cos(πt/T))/2
    }
}
