using TorchSharp;
using TrainDsl.Mixing;
using TrainDsl.Tests.Numerics;

namespace TrainDsl.Tests.Mixing;

/// <summary>λ ~ Beta(α, α) against PyTorch's sampler with the same seed, and against the Beta moments.</summary>
public class SymmetricBetaTests
{
    // Tests here may create a torch.Generator before any tensor, so load libtorch first.
    public SymmetricBetaTests() => TrainDsl.Runs.TorchRuntime.EnsureLoaded();

    [Fact]
    public void DrawsEqualPyTorchsBetaWithTheSameSeed()
    {
        foreach (var c in ReferenceData.Load("mixing_references.json").GetProperty("beta").EnumerateArray())
        {
            using var generator = new torch.Generator((ulong)c.GetProperty("seed").GetInt64());
            double alpha = c.GetProperty("alpha").GetDouble();
            foreach (var expected in c.GetProperty("draws").Doubles())
                Assert.Equal(expected, SymmetricBeta.Sample(alpha, generator), tolerance: 1e-13);
        }
    }

    [Fact]
    public void MomentsAreBetaAlphaAlpha()
    {
        // Beta(α, α): mean 1/2, variance 1/(4(2α + 1)); 4000 draws give the mean to ±5·sd/√n.
        foreach (var alpha in new[] { 0.2, 1.0, 4.0 })
        {
            using var generator = new torch.Generator(99);
            var draws = Enumerable.Range(0, 4000).Select(_ => SymmetricBeta.Sample(alpha, generator)).ToArray();
            double variance = 1.0 / (4 * (2 * alpha + 1));
            Assert.InRange(draws.Average(), 0.5 - 5 * Math.Sqrt(variance / 4000), 0.5 + 5 * Math.Sqrt(variance / 4000));
            double sampleVariance = draws.Select(d => (d - 0.5) * (d - 0.5)).Average();
            Assert.InRange(sampleVariance, 0.85 * variance, 1.15 * variance);
            Assert.All(draws, d => Assert.InRange(d, 0.0, 1.0));
        }
    }
}
