using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using TrainDsl.Optim;
using TrainDsl.Tests.Numerics;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Recipe;

/// <summary>
/// Adam, RMSprop (TorchSharp's) and LARS, LAMB (TrainDsl's) against PyTorch 2.6 (tests/references/optimizers.py):
/// five float64 steps from the same gradients, the rate changed before each step, with [NoBiasDecay]'s groups or
/// one group, on a model with a bias and a norm layer whose bias starts at 0.
/// </summary>
public class OptimizerTests
{
    private const string File = "optimizers.json";

    // Float64 with the same operations in the same order: agreement to rounding, far below 1e-6 relative.
    private const double Tolerance = 1e-12;

    public OptimizerTests() => TrainDsl.Runs.TorchRuntime.EnsureLoaded();

    public static IEnumerable<object[]> Cases() => ReferenceData.Cases(File, c => c.GetProperty("label").GetString()!);

    private static Sequential Tiny() => nn.Sequential(
        ("0", nn.Linear(3, 4)), ("1", nn.BatchNorm1d(4)), ("2", nn.ReLU()), ("3", nn.Linear(4, 2)));

    private static optim.Optimizer Create(JsonElement c, nn.Module model)
    {
        var s = c.GetProperty("settings");
        double lr = c.GetProperty("lr").GetDouble(), wd = c.GetProperty("weightDecay").GetDouble();
        bool grouped = c.GetProperty("grouped").GetBoolean();
        double D(string name) => s.GetProperty(name).GetDouble();
        bool B(string name) => s.GetProperty(name).GetBoolean();
        return c.GetProperty("optimizer").GetString() switch
        {
            "adam" => optim.Adam(NoBiasDecay.AdamGroups(model, wd), lr, beta1: D("beta1"), beta2: D("beta2"), eps: D("eps"),
                amsgrad: B("amsgrad")),
            "rmsprop" => optim.RMSProp(NoBiasDecay.RmsPropGroups(model, wd), lr, alpha: D("alpha"), eps: D("eps"),
                momentum: D("momentum"), centered: B("centered")),
            "lars" => grouped
                ? new Lars(NoBiasDecay.LarsGroups(model, wd), lr, momentum: D("momentum"), weightDecay: wd, trustCoefficient: D("trustCoefficient"))
                : new Lars(model.parameters(), lr, momentum: D("momentum"), weightDecay: wd, trustCoefficient: D("trustCoefficient")),
            "lamb" => grouped
                ? new Lamb(NoBiasDecay.LambGroups(model, wd), lr, beta1: D("beta1"), beta2: D("beta2"), eps: D("eps"), weightDecay: wd)
                : new Lamb(model.parameters(), lr, beta1: D("beta1"), beta2: D("beta2"), eps: D("eps"), weightDecay: wd),
            var kind => throw new InvalidDataException("unknown optimizer " + kind),
        };
    }

    /// <summary>Builds the model and optimizer of a case, with the reference's initial weights.</summary>
    private static (Sequential Model, Dictionary<string, Parameter> Parameters, optim.Optimizer Optimizer) Start(JsonElement c)
    {
        var model = Tiny();
        model.to(ScalarType.Float64); // before the optimizer: moving replaces the parameters
        var shapes = c.GetProperty("shapes");
        var parameters = model.named_parameters().ToDictionary(np => np.name, np => np.parameter);
        Assert.Equal(c.GetProperty("names").EnumerateArray().Select(n => n.GetString()!), parameters.Keys);
        using (no_grad())
            foreach (var (name, p) in parameters)
                p.copy_(tensor(c.GetProperty("init").GetProperty(name).Doubles()).reshape(shapes.GetProperty(name).Longs()));
        return (model, parameters, Create(c, model));
    }

    private static void Step(JsonElement c, Dictionary<string, Parameter> parameters, optim.Optimizer optimizer, int step)
    {
        var shapes = c.GetProperty("shapes");
        var grads = c.GetProperty("grads")[step];
        optimizer.SetLearningRate(c.GetProperty("lr").GetDouble() * c.GetProperty("rateFactors")[step].GetDouble());
        optimizer.zero_grad();
        foreach (var (name, p) in parameters)
            p.grad = tensor(grads.GetProperty(name).Doubles()).reshape(shapes.GetProperty(name).Longs());
        optimizer.step();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void StepsMatchPyTorch(string label, int index)
    {
        var c = ReferenceData.Case(File, index);
        using var scope = NewDisposeScope();
        var (model, parameters, optimizer) = Start(c);
        using var _ = model;
        using var __ = optimizer;
        var init = c.GetProperty("init");
        var after = c.GetProperty("after").EnumerateArray().ToArray();
        double maxDiff = 0;
        for (int step = 0; step < after.Length; step++)
        {
            Step(c, parameters, optimizer, step);
            foreach (var (name, p) in parameters)
            {
                var expected = after[step].GetProperty(name).Doubles();
                var actual = p.data<double>().ToArray();
                for (int i = 0; i < expected.Length; i++)
                {
                    maxDiff = Math.Max(maxDiff, Math.Abs(actual[i] - expected[i]));
                    Assert.True(Math.Abs(actual[i] - expected[i]) <= Tolerance * (1 + Math.Abs(expected[i])),
                        $"{label} step {step + 1}: {name}[{i}] expected {expected[i]:R}, got {actual[i]:R}.");
                }
            }
        }
        // Every tensor moved by far more than the tolerance, so a step that did nothing (or too little) fails above.
        foreach (var name in parameters.Keys)
        {
            var moved = after[^1].GetProperty(name).Doubles().Zip(init.GetProperty(name).Doubles(), (a, b) => Math.Abs(a - b)).Max();
            Assert.True(moved > 1e-4, $"{label}: {name} moved only {moved:R} in the reference.");
        }
        Console.WriteLine(FormattableString.Invariant($"{label}: max |TrainDsl − PyTorch| = {maxDiff:E2}"));
    }

    /// <summary>A state saved after two steps and loaded into a fresh optimizer continues bit for bit (resume).</summary>
    [Theory]
    [InlineData("lars")]
    [InlineData("lars-one-group")]
    [InlineData("lamb")]
    [InlineData("lamb-one-group")]
    public void SavedStateContinuesBitwise(string label)
    {
        var c = ReferenceData.Load(File).GetProperty("cases").EnumerateArray().Single(x => x.GetProperty("label").GetString() == label);
        using var scope = NewDisposeScope();
        var (a, pa, oa) = Start(c);
        var (b, pb, ob) = Start(c);
        using var _ = a;
        using var __ = b;
        using var ___ = oa;
        using var ____ = ob;
        for (int step = 0; step < 2; step++) Step(c, pa, oa, step);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) ((OptimizerHelper)oa).save_state_dict(writer);
        stream.Position = 0;
        using (no_grad())
            foreach (var (name, p) in pb) p.copy_(pa[name]);
        using (var reader = new BinaryReader(stream)) ((OptimizerHelper)ob).load_state_dict(reader);
        for (int step = 2; step < 5; step++)
        {
            Step(c, pa, oa, step);
            Step(c, pb, ob, step);
        }
        foreach (var (name, p) in pa)
            Assert.True(p.bytes.SequenceEqual(pb[name].bytes), $"{label}: {name} differs after loading the saved state");
    }

    [Fact]
    public void NoBiasDecayGroupsKeepTheOptimizersRateAndSkipAdaptationForBiasesAndNorms()
    {
        using var model = Tiny();
        using var lars = new Lars(NoBiasDecay.LarsGroups(model, 5e-4), 0.3, momentum: 0.8, trustCoefficient: 0.01);
        var larsGroups = lars.ParamGroups.Cast<TorchSharp.Modules.ParamGroup>().ToList();
        Assert.Equal(2, larsGroups.Count);
        Assert.All(larsGroups, g => Assert.Equal(0.3, g.LearningRate));
        Assert.All(larsGroups, g => Assert.Equal((0.8, 0.01), (((Lars.Options)g.Options).Momentum, ((Lars.Options)g.Options).TrustCoefficient)));
        Assert.Equal((0.0, false), (((Lars.Options)larsGroups[0].Options).WeightDecay, ((Lars.Options)larsGroups[0].Options).Adapt));
        Assert.Equal((5e-4, true), (((Lars.Options)larsGroups[1].Options).WeightDecay, ((Lars.Options)larsGroups[1].Options).Adapt));

        using var lamb = new Lamb(NoBiasDecay.LambGroups(model, 0.01), 2e-3, beta1: 0.8);
        var lambGroups = lamb.ParamGroups.Cast<TorchSharp.Modules.ParamGroup>().ToList();
        Assert.All(lambGroups, g => Assert.Equal(2e-3, g.LearningRate));
        Assert.All(lambGroups, g => Assert.Equal(0.8, ((Lamb.Options)g.Options).Beta1));
        Assert.Equal((0.0, false), (((Lamb.Options)lambGroups[0].Options).WeightDecay, ((Lamb.Options)lambGroups[0].Options).Adapt));
        Assert.Equal((0.01, true), (((Lamb.Options)lambGroups[1].Options).WeightDecay, ((Lamb.Options)lambGroups[1].Options).Adapt));

        using var adam = optim.Adam(NoBiasDecay.AdamGroups(model, 0.01), 3e-3, amsgrad: true);
        Assert.All(adam.ParamGroups.Cast<TorchSharp.Modules.ParamGroup>(), g => Assert.Equal(3e-3, g.LearningRate));
        Assert.All(adam.ParamGroups.Cast<TorchSharp.Modules.ParamGroup>(), g => Assert.True(((Adam.Options)g.Options).amsgrad));
        using var rms = optim.RMSProp(NoBiasDecay.RmsPropGroups(model, 0.01), 4e-3, momentum: 0.5);
        Assert.All(rms.ParamGroups.Cast<TorchSharp.Modules.ParamGroup>(), g => Assert.Equal(4e-3, g.LearningRate));
        Assert.All(rms.ParamGroups.Cast<TorchSharp.Modules.ParamGroup>(), g => Assert.Equal(0.5, ((RMSProp.Options)g.Options).momentum));
    }

    [Fact]
    public void BadArgumentsGetOneSentence()
    {
        using var model = Tiny();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Lars(model.parameters(), 0.1, momentum: 1));
        Assert.StartsWith("LARS momentum must be in [0, 1).", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new Lars(model.parameters(), 0.1, trustCoefficient: 0));
        Assert.StartsWith("LARS trustCoefficient must be a finite number > 0.", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new Lamb(model.parameters(), 1e-3, beta2: 1));
        Assert.StartsWith("LAMB beta2 must be in [0, 1).", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new Lamb(model.parameters(), -1e-3));
        Assert.StartsWith("LAMB learningRate must be a finite number > 0.", e.Message);
    }
}
