using TorchSharp.Modules;

namespace TrainDsl.Models;

/// <summary>
/// A residual network that can list the last BatchNorm of each residual branch, so a recipe can start
/// their γ at 0 and make every block begin as the identity (Goyal et al. 2017, §5.1).
/// </summary>
public interface IResidualNorms
{
    IEnumerable<BatchNorm2d> ResidualBranchNorms { get; }
}
