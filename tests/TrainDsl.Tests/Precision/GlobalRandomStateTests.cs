using TrainDsl.Models;
using TrainDsl.Precision;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Precision;

/// <summary>Tests that read the process-wide random generator, run alone so no other test draws from it meanwhile.</summary>
[CollectionDefinition(nameof(GlobalRandomState), DisableParallelization = true)]
public sealed class GlobalRandomState { }

[Collection(nameof(GlobalRandomState))]
public class GlobalRandomStateTests
{
    [Fact]
    public void BuildingTheWorkingCopyLeavesTheSeededStreamAlone()
    {
        manual_seed(5);
        using (new SmallCnn(1, 10)) { }
        using var expected = randn(8);

        manual_seed(5);
        using var model = new SmallCnn(1, 10);
        using var amp = new MixedPrecision(model, () => new SmallCnn(1, 10));
        using var actual = randn(8);
        Assert.True(MixedPrecisionTests.Same(expected, actual), "the working copy consumed random numbers of the seeded run");
    }
}
