using TorchSharp;
using static TorchSharp.torch;

namespace TrainDsl.Models;

/// <summary>
/// Zero-γ initialisation (Goyal et al. 2017, §5.1; He et al. 2019, §3.1): the last BatchNorm of every residual
/// branch starts with γ = 0, so each block starts as its shortcut and the network as a shallower one.
/// The model says which norms those are through <see cref="IResidualNorms"/>.
/// </summary>
public static class ZeroGamma
{
    /// <summary>Sets γ = 0 on every norm the model reports and returns how many there were.</summary>
    public static int Apply(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        string name = model.GetType().Name;
        if (model is not IResidualNorms residual)
            throw new TrainDslException(
                $"Zero-γ initialisation needs a residual model, but {name} does not implement TrainDsl.Models.IResidualNorms; use a ResNet, implement IResidualNorms to list the last BatchNorm of each residual branch, or drop the zero-γ trick.");

        var norms = residual.ResidualBranchNorms.Distinct().ToList();
        if (norms.Count == 0)
            throw new TrainDslException(
                $"Zero-γ initialisation found no residual-branch BatchNorm in {name}: its IResidualNorms.ResidualBranchNorms is empty; list the last BatchNorm of each residual branch or drop the zero-γ trick.");
        if (norms.Any(norm => norm.weight is null))
            throw new TrainDslException(
                $"Zero-γ initialisation needs learnable γ, but {name} lists a residual-branch BatchNorm created with affine: false; create it with affine: true.");

        // zero_() hands back a second handle to the weight; the scope frees it, so each Train call leaves no live tensor behind.
        using (NewDisposeScope())
        using (no_grad())
        {
            foreach (var norm in norms) norm.weight!.zero_();
        }
        return norms.Count;
    }
}
