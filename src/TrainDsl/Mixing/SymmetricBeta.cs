using static TorchSharp.torch;

namespace TrainDsl.Mixing;

/// <summary>
/// λ ~ Beta(α, α), drawn as PyTorch's Beta draws it: the first component of Dirichlet(α, α)
/// (torch._sample_dirichlet), so a generator seeded alike gives PyTorch's values.
/// </summary>
internal static class SymmetricBeta
{
    public static double Sample(double alpha, Generator generator)
    {
        using var scope = NewDisposeScope();
        var concentration = tensor(new[] { alpha, alpha }, ScalarType.Float64);
        return _sample_dirichlet(concentration, generator)[0].item<double>();
    }
}
