using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Model;

/// <summary>
/// TD0014: zero-γ (Goyal et al. 2017, §5.1) zeroes the last BatchNorm of each residual branch, which
/// ZeroGamma.Apply finds through TrainDsl.Models.IResidualNorms; a model without it stops the run. The wide ResNets'
/// pre-activation blocks have no such norm (WideResNet's summary says why zeroing their inner BatchNorm would not do).
/// </summary>
internal static class ZeroGammaRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.ZeroGamma is not { } zeroGamma || declaration.Model is not { } model) return;

        var problem =
            model.BuiltIn is { Value: ModelKind.SmallCnn or ModelKind.WideCnn } plain ? plain.Value + " has no residual branches" :
            model.BuiltIn is { } built && BuiltInModel.IsWideResNet(built.Value)
                ? built.Value + "'s pre-activation blocks end their branch with a convolution, not a BatchNorm" :
            model.Type is { Problem: ModelTypeProblem.None, HasResidualNorms: false } type ? "'" + type.DisplayName + "' does not implement IResidualNorms" :
            model.Factory is { Problem: FactoryMethodProblem.None, ReturnsResidualNorms: false } factory
                ? "the return type of '" + factory.Name + "' does not implement IResidualNorms" :
            null;
        if (problem is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ZeroGammaWithoutResidualNorms, zeroGamma.Attribute, problem));
    }
}
