using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0014: [ZeroGamma] on a model that cannot list its residual-branch norms (IResidualNorms).</summary>
public sealed class ZeroGammaRuleTests
{
    private const string Usings = """
        using TorchSharp;
        using TorchSharp.Modules;
                using static TorchSharp.torch;

        """;

    private static string Recipe(string model, string members = "", string types = "") => Usings + $$"""
        [Experiment]
        [Data(FashionMnist)]
        [Model({{model}})]
        [Optimizer(Sgd)]
        [{|#0:ZeroGamma|}]
        public partial class E
        {
            {{members}}
        }

        {{types}}
        """;

    private const string Plain = "public sealed class Net : nn.Module<Tensor, Tensor> { public Net() : base(\"Net\") { } public override Tensor forward(Tensor x) => x; }";

    private const string Residual =
        "public sealed class Net : nn.Module<Tensor, Tensor>, TrainDsl.Models.IResidualNorms { public Net() : base(\"Net\") { } "
        + "public IEnumerable<BatchNorm2d> ResidualBranchNorms => []; public override Tensor forward(Tensor x) => x; }";

    [Theory]
    [InlineData("SmallCnn", "", "", "SmallCnn has no residual branches")]
    [InlineData("WideCnn", "", "", "WideCnn has no residual branches")]
    [InlineData("Wrn16x4", "", "", "Wrn16x4's pre-activation blocks end their branch with a convolution, not a BatchNorm")]
    [InlineData("typeof(Net)", "", Plain, "'Net' does not implement IResidualNorms")]
    [InlineData("nameof(Build)", "static nn.Module<Tensor, Tensor> Build() => nn.Identity();", "", "the return type of 'Build' does not implement IResidualNorms")]
    public Task A_model_without_residual_norms_is_flagged(string model, string members, string types, string problem)
        => RecipeTest.VerifyAnalyzerAsync(
            Recipe(model, members, types),
            new DiagnosticResult(DiagnosticDescriptors.ZeroGammaWithoutResidualNorms).WithLocation(0).WithMessage(
                $"[ZeroGamma] starts the last BatchNorm of each residual branch at γ = 0, but {problem}, so ZeroGamma.Apply would stop the run; use a ResNet, implement TrainDsl.Models.IResidualNorms, or remove [ZeroGamma]"));

    [Theory]
    [InlineData("ResNet20", "", "")]
    [InlineData("ResNet18", "", "")]
    [InlineData("typeof(Net)", "", Residual)]
    [InlineData("nameof(Build)", "static Net Build() => new Net();", Residual)]
    [InlineData("nameof(Build)", "static TrainDsl.Models.ResNet Build(int inChannels, int classes) => TrainDsl.Models.ResNet.ResNet20(inChannels, classes);", "")]
    public Task A_residual_model_is_fine(string model, string members, string types)
        => RecipeTest.VerifyAnalyzerAsync(Recipe(model, members, types).Replace("{|#0:ZeroGamma|}", "ZeroGamma"));
}
