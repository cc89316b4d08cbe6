using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using TrainDsl.Models;
using TrainDsl.Optim;
using TrainDsl.Tests.Numerics;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Recipe;

/// <summary>
/// No-bias-decay groups (He et al. 2019 §3.1, timm's param_groups_weight_decay): membership, the options the
/// optimizer fills in, and SGD / AdamW steps against PyTorch 2.6 with the same groups.
/// </summary>
public class NoBiasDecayTests
{
    private const string File = "recipe_references.json";

    public NoBiasDecayTests() => TrainDsl.Runs.TorchRuntime.EnsureLoaded();

    /// <summary>The reference script's nn.Sequential(Linear(3, 4), BatchNorm1d(4), ReLU(), Linear(4, 2)).</summary>
    private static Sequential Tiny() => nn.Sequential(
        ("0", nn.Linear(3, 4)), ("1", nn.BatchNorm1d(4)), ("2", nn.ReLU()), ("3", nn.Linear(4, 2)));

    private static JsonElement Optimizer(string kind) =>
        ReferenceData.Load(File).GetProperty("optimizers").EnumerateArray().Single(c => c.GetProperty("optimizer").GetString() == kind);

    [Theory]
    [InlineData("sgd")]
    [InlineData("adamw")]
    public void StepsMatchPyTorchWithTheSameGroups(string kind)
    {
        var c = Optimizer(kind);
        using var scope = NewDisposeScope();
        using var model = Tiny();
        model.to(ScalarType.Float64); // before the optimizer: moving replaces the parameters
        var shapes = c.GetProperty("shapes");
        var parameters = model.named_parameters().ToDictionary(np => np.name, np => np.parameter);
        Assert.Equal(c.GetProperty("names").EnumerateArray().Select(n => n.GetString()!), parameters.Keys);
        using (no_grad())
            foreach (var (name, p) in parameters)
                p.copy_(tensor(c.GetProperty("init").GetProperty(name).Doubles()).reshape(shapes.GetProperty(name).Longs()));

        double wd = c.GetProperty("weightDecay").GetDouble();
        var settings = c.GetProperty("settings");
        using optim.Optimizer opt = kind == "sgd"
            ? optim.SGD(NoBiasDecay.SgdGroups(model, wd), settings.GetProperty("lr").GetDouble(),
                momentum: settings.GetProperty("momentum").GetDouble(), weight_decay: wd, nesterov: settings.GetProperty("nesterov").GetBoolean())
            : optim.AdamW(NoBiasDecay.AdamWGroups(model, wd), settings.GetProperty("lr").GetDouble(),
                beta1: settings.GetProperty("beta1").GetDouble(), beta2: settings.GetProperty("beta2").GetDouble(),
                eps: settings.GetProperty("eps").GetDouble(), weight_decay: wd);

        var grads = c.GetProperty("grads").EnumerateArray().ToArray();
        var after = c.GetProperty("after").EnumerateArray().ToArray();
        for (int step = 0; step < grads.Length; step++)
        {
            opt.zero_grad();
            foreach (var (name, p) in parameters)
                p.grad = tensor(grads[step].GetProperty(name).Doubles()).reshape(shapes.GetProperty(name).Longs());
            opt.step();
            foreach (var (name, p) in parameters)
            {
                var expected = after[step].GetProperty(name).Doubles();
                var actual = p.data<double>().ToArray();
                for (int i = 0; i < expected.Length; i++)
                    Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-12 * (1 + Math.Abs(expected[i])),
                        $"{kind} step {step + 1}: {name}[{i}] expected {expected[i]:R}, got {actual[i]:R}.");
            }
        }
    }

    [Fact]
    public void SgdGroupsKeepTheOptimizersRateMomentumAndNesterov()
    {
        using var model = Tiny();
        using var opt = optim.SGD(NoBiasDecay.SgdGroups(model, 5e-4), 0.05, momentum: 0.9, weight_decay: 5e-4, nesterov: true);
        var groups = opt.ParamGroups.Cast<TorchSharp.Modules.ParamGroup>().ToList();
        Assert.Equal(2, groups.Count);
        foreach (var g in groups)
        {
            var o = (SGD.Options)g.Options;
            Assert.Equal(0.05, g.LearningRate);
            Assert.Equal(0.05, g.InitialLearningRate);
            Assert.Equal(0.9, o.momentum);
            Assert.True(o.nesterov);
            Assert.Equal(0.0, o.dampening);
        }
        // timm's order: the no-decay group first.
        Assert.Equal(0.0, ((SGD.Options)groups[0].Options).weight_decay);
        Assert.Equal(5e-4, ((SGD.Options)groups[1].Options).weight_decay);
        Assert.All(groups[0].Parameters, p => Assert.Equal(1, p.ndim));
        Assert.All(groups[1].Parameters, p => Assert.Equal(2, p.ndim));
    }

    [Fact]
    public void AdamWGroupsKeepTheOptimizersRateAndBetas()
    {
        using var model = Tiny();
        using var opt = optim.AdamW(NoBiasDecay.AdamWGroups(model, 0.05), 2e-3, beta1: 0.8, beta2: 0.99, eps: 1e-7, weight_decay: 0.05);
        var groups = opt.ParamGroups.Cast<TorchSharp.Modules.ParamGroup>().ToList();
        Assert.Equal(2, groups.Count);
        foreach (var g in groups)
        {
            var o = (AdamW.Options)g.Options;
            Assert.Equal(2e-3, g.LearningRate);
            Assert.Equal((0.8, 0.99), (o.beta1!.Value, o.beta2!.Value));
            Assert.Equal(1e-7, o.eps);
        }
        Assert.Equal(0.0, ((AdamW.Options)groups[0].Options).weight_decay);
        Assert.Equal(0.05, ((AdamW.Options)groups[1].Options).weight_decay);
    }

    // ResNet-20 (He et al. 2016 §4.2): 19 3×3 convs + 2 projection shortcuts = 21 convs, 21 BatchNorms, one fc.
    [Theory]
    [InlineData("ResNet20", 22, 43)]
    // SmallCnn: 4 bias-free convs and a bias-free fc (decay), 5 BatchNorms and the classifier's bias (no decay).
    [InlineData("SmallCnn", 6, 11)]
    public void EveryParameterIsInExactlyOneGroup(string modelName, int decayCount, int noDecayCount)
    {
        using nn.Module<Tensor, Tensor> model = modelName == "ResNet20" ? ResNet.ResNet20(3, 10) : new SmallCnn(1, 10);
        var groups = NoBiasDecay.SgdGroups(model, 5e-4);
        Assert.Equal(2, groups.Count);
        var noDecay = groups[0].Parameters.ToList();
        var decay = groups[1].Parameters.ToList();
        Assert.Equal(0.0, groups[0].Options.weight_decay);
        Assert.Equal(5e-4, groups[1].Options.weight_decay);
        Assert.Null(groups[0].Options.LearningRate);
        Assert.Null(groups[1].Options.momentum);
        Assert.Equal(decayCount, decay.Count);
        Assert.Equal(noDecayCount, noDecay.Count);

        var byHandle = model.named_parameters().ToDictionary(np => np.parameter.Handle, np => np.name);
        var grouped = noDecay.Concat(decay).Select(p => p.Handle).ToList();
        Assert.Equal(grouped.Count, grouped.Distinct().Count());
        Assert.Equal(byHandle.Keys.OrderBy(h => h), grouped.OrderBy(h => h));
        Assert.All(noDecay, p => Assert.True(p.ndim <= 1 || byHandle[p.Handle].EndsWith(".bias"), byHandle[p.Handle]));
        Assert.All(decay, p => Assert.True(p.ndim >= 2, byHandle[p.Handle]));
        Assert.Contains(noDecay, p => byHandle[p.Handle] == (modelName == "ResNet20" ? "fc.bias" : "classifier.3.bias"));
    }

    [Fact]
    public void FrozenParametersAreLeftOut()
    {
        using var model = Tiny();
        var frozen = model.named_parameters().Single(np => np.name == "0.weight").parameter;
        frozen.requires_grad = false;
        var groups = NoBiasDecay.AdamWGroups(model, 0.01);
        Assert.DoesNotContain(groups.SelectMany(g => g.Parameters), p => p.Handle == frozen.Handle);
        Assert.Equal(5, groups.Sum(g => g.Parameters.Count()));
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        using var model = Tiny();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => NoBiasDecay.SgdGroups(model, -1e-4));
        Assert.EndsWith(".", ex.Message.Split(" (Parameter")[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => NoBiasDecay.AdamWGroups(model, double.NaN));
        foreach (var (_, p) in model.named_parameters()) p.requires_grad = false;
        Assert.Throws<ArgumentException>(() => NoBiasDecay.SgdGroups(model, 5e-4));
    }
}
