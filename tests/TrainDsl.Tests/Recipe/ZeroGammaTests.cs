using TorchSharp;
using TorchSharp.Modules;
using TrainDsl.Models;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Recipe;

/// <summary>Zero-γ (Goyal et al. 2017 §5.1): every residual block starts as its shortcut.</summary>
public class ZeroGammaTests
{
    public ZeroGammaTests() => TrainDsl.Runs.TorchRuntime.EnsureLoaded();

    [Fact]
    public void ResNet20ZeroesTheNineResidualBranchNormsOnly()
    {
        using var scope = NewDisposeScope();
        using var model = ResNet.ResNet20(3, 10);
        var norms = model.named_modules().Where(m => m.module is BatchNorm2d).ToList();
        var before = norms.ToDictionary(m => m.name, m => ((BatchNorm2d)m.module).weight!.clone());
        var biasesBefore = norms.ToDictionary(m => m.name, m => ((BatchNorm2d)m.module).bias!.clone());

        Assert.Equal(9, ZeroGamma.Apply(model)); // 3 stages × 3 basic blocks (He et al. 2016 §4.2)

        var branchNorms = model.ResidualBranchNorms.ToHashSet();
        Assert.Equal(9, branchNorms.Count);
        int untouched = 0;
        foreach (var (name, module) in norms)
        {
            var bn = (BatchNorm2d)module;
            if (branchNorms.Contains(bn))
            {
                Assert.True(name.EndsWith(".bn2"), name);
                Assert.Equal(0, bn.weight!.count_nonzero().item<long>());
            }
            else
            {
                Assert.True(bn.weight!.eq(before[name]).all().item<bool>(), $"{name} γ changed.");
                untouched++;
            }
            Assert.True(bn.bias!.eq(biasesBefore[name]).all().item<bool>(), $"{name} β changed.");
        }
        Assert.Equal(21 - 9, untouched); // stem, first BN of each block, two projection shortcuts
    }

    [Fact]
    public void LeavesNoLiveTensorBehind()
    {
        using var model = ResNet.ResNet20(3, 10);
        long live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        ZeroGamma.Apply(model);
        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.Equal(0, model.ResidualBranchNorms.Sum(bn => bn.weight!.count_nonzero().item<long>())); // and γ is zero
    }

    [Fact]
    public void EveryBlockOutputsItsShortcutAfterZeroGammaAndNotBefore()
    {
        using var scope = NewDisposeScope();
        using var model = ResNet.ResNet20(3, 10);
        model.eval();
        var input = randn(new long[] { 4, 3, 32, 32 }, generator: new Generator(5));
        Assert.False(BlocksEqualShortcuts(model, input), "Before zero-γ the residual branches should contribute.");
        ZeroGamma.Apply(model);
        Assert.True(BlocksEqualShortcuts(model, input));
    }

    /// <summary>Runs the network block by block and checks block(x) == relu(shortcut(x)) exactly for all 9 blocks.</summary>
    private static bool BlocksEqualShortcuts(ResNet model, Tensor input)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var modules = model.named_modules().ToDictionary(m => m.name, m => m.module);
        var x = nn.functional.relu(((BatchNorm2d)modules["bn1"]).call(((Conv2d)modules["conv1"]).call(input)));
        int blocks = 0;
        bool all = true;
        foreach (var stage in new[] { "layer1", "layer2", "layer3" })
            for (int b = 0; b < 3; b++)
            {
                string name = $"{stage}.{b}";
                var block = (BasicBlock)modules[name];
                var shortcut = modules.TryGetValue($"{name}.downsample", out var down) ? ((Sequential)down).call(x) : x;
                var y = block.call(x);
                all &= y.eq(nn.functional.relu(shortcut)).all().item<bool>();
                x = y;
                blocks++;
            }
        Assert.Equal(9, blocks);
        return all;
    }

    [Fact]
    public void ModelWithoutResidualNormsGetsOneClearSentence()
    {
        using var model = new SmallCnn(1, 10);
        var ex = Assert.Throws<TrainDslException>(() => ZeroGamma.Apply(model));
        Assert.Contains("SmallCnn", ex.Message);
        Assert.Contains("IResidualNorms", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.EndsWith(".", ex.Message);
        Assert.Single(ex.Message.Split(". ")); // one sentence
    }

    [Fact]
    public void ModelReportingNoNormsGetsOneClearSentence()
    {
        using var model = new NoBranches();
        var ex = Assert.Throws<TrainDslException>(() => ZeroGamma.Apply(model));
        Assert.Contains("NoBranches", ex.Message);
        Assert.EndsWith(".", ex.Message);
        Assert.Single(ex.Message.Split(". "));
    }

    private sealed class NoBranches : nn.Module<Tensor, Tensor>, IResidualNorms
    {
        private readonly BatchNorm2d bn = nn.BatchNorm2d(3);
        public NoBranches() : base(nameof(NoBranches)) => RegisterComponents();
        public IEnumerable<BatchNorm2d> ResidualBranchNorms => [];
        public override Tensor forward(Tensor input) => bn.call(input);
    }
}
