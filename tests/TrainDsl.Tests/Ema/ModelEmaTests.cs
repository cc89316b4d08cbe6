using System.Text.Json;
using TrainDsl.Ema;
using TrainDsl.Tests.Numerics;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Ema;

/// <summary>
/// ModelEma and EmaDecay against timm's update rules run in PyTorch (tests/references/ema.py): a conv + BatchNorm + linear
/// model whose state after each SGD step PyTorch recorded is loaded step by step, and the average must match PyTorch's
/// to 1e-6 in every parameter and buffer, running statistics and num_batches_tracked included.
/// </summary>
[Collection(nameof(Precision.GlobalRandomState))]
public class ModelEmaTests
{
    private const string File = "ema.json";

    public static IEnumerable<object[]> Cases => ReferenceData.Cases(File, c => c.GetProperty("name").GetString()!);

    private static nn.Module<Tensor, Tensor> NewModel() => nn.Sequential(
        ("conv", nn.Conv2d(1, 4, 3)),
        ("bn", nn.BatchNorm2d(4)),
        ("relu", nn.ReLU()),
        ("flatten", nn.Flatten()),
        ("fc", nn.Linear(64, 3)));

    private static void Load(nn.Module model, JsonElement state)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (name, target) in model.state_dict())
        {
            var values = state.GetProperty(name).Doubles();
            target.copy_(tensor(values, ScalarType.Float64).reshape(target.shape));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheAverageMatchesTimmsUpdateInEveryParameterAndBuffer(string name, int index)
    {
        _ = name;
        var c = ReferenceData.Case(File, index);
        using var model = NewModel();
        Assert.Equal(c.GetProperty("shapes").EnumerateObject().Select(p => p.Name).Order(), model.state_dict().Keys.Order());
        Load(model, c.GetProperty("initial"));
        var decay = new EmaDecay(c.GetProperty("decay").GetDouble(), c.GetProperty("warmupSteps").GetInt32(), c.GetProperty("warmupPower").GetDouble());
        using var ema = new ModelEma(model, NewModel, decay);
        Assert.False(ema.Module.training);

        int step = 0;
        foreach (var expected in c.GetProperty("steps").EnumerateArray())
        {
            step++;
            Load(model, expected.GetProperty("model"));
            long live = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            double d = ema.Update();
            // The update leaves no tensor behind: it runs in its own dispose scope, without gradients.
            Assert.Equal(live, TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount);
            Assert.Equal(expected.GetProperty("decay").GetDouble(), d, 12);
            foreach (var (key, tensor) in ema.Module.state_dict())
            {
                var want = expected.GetProperty("ema").GetProperty(key).Doubles();
                using var scope = NewDisposeScope();
                var values = tensor.to(ScalarType.Float64).flatten().data<double>().ToArray();
                Assert.Equal(want.Length, values.Length);
                for (int i = 0; i < want.Length; i++)
                    Assert.True(Math.Abs(want[i] - values[i]) <= 1e-6, $"step {step}, {key}[{i}]: EMA {values[i]:R}, PyTorch {want[i]:R}");
            }
        }
        Assert.Equal(step, ema.Updates);
        Assert.All(ema.Module.parameters(), p => Assert.False(p.requires_grad));
    }

    [Fact]
    public void TheDecayFollowsModelEmaV3sWarmup()
    {
        foreach (var setting in ReferenceData.Load(File).GetProperty("decays").EnumerateArray())
        {
            var decay = new EmaDecay(setting.GetProperty("decay").GetDouble(), setting.GetProperty("warmupSteps").GetInt32(),
                setting.GetProperty("warmupPower").GetDouble());
            var expected = setting.GetProperty("values").Doubles();
            for (int t = 1; t <= expected.Length; t++)
                Assert.True(Math.Abs(expected[t - 1] - decay.At(t)) <= 1e-12, $"{setting}: update {t}: {decay.At(t):R}, PyTorch script {expected[t - 1]:R}");
        }
    }

    [Fact]
    public void TheWarmupReachesTheDecayAtItsLastStep()
    {
        var decay = new EmaDecay(0.9999, 1000);
        Assert.Equal(0.9999, decay.At(1001), 9);   // s = 1000 updates after the first
        Assert.True(decay.At(1000) < 0.9999);
        Assert.Equal(0, decay.At(1));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void ADecayOutsideTheOpenUnitIntervalIsRefused(double value)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new EmaDecay(value));
        Assert.Contains("(0, 1)", e.Message);
    }

    [Fact]
    public void TheUpdateCountIsRestoredFromTheResumeState()
    {
        using var model = NewModel();
        using var ema = new ModelEma(model, NewModel, new EmaDecay(0.99, 10));
        ema.Update(); ema.Update(); ema.Update();
        var saved = ema.SaveState()!;
        using var other = new ModelEma(model, NewModel, new EmaDecay(0.99, 10));
        other.LoadState(saved);
        Assert.Equal(3, other.Updates);
        Assert.Equal(ema.Update(), other.Update());
        Assert.Throws<TrainDslException>(() => other.LoadState("{\"format\":\"x\"}"));
    }

    [Fact]
    public void AModelOfAnotherShapeIsRefused()
    {
        using var model = NewModel();
        var e = Assert.Throws<ArgumentException>(() => new ModelEma(model, () => nn.Sequential(("fc", nn.Linear(2, 2))), new EmaDecay(0.9)));
        Assert.Contains("same factory", e.Message);
        Assert.Throws<ArgumentException>(() => new ModelEma(model, () => model, new EmaDecay(0.9)));
    }
}
