using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0005 ([Model(typeof(T))]) and TD0008 ([Model(nameof(M))]).</summary>
public sealed class ModelRuleTests
{
    private const string Usings = """
        using TorchSharp;
        using static TorchSharp.torch;

        """;

    private static string WithType(string model, string types) => Usings + $$"""
        [Experiment]
        [Data(FashionMnist)]
        [Model({{model}})]
        [Optimizer(Sgd)]
        public partial class E { }

        {{types}}
        """;

    private static string WithFactory(string model, string members) => Usings + $$"""
        [Experiment]
        [Data(FashionMnist)]
        [Model({{model}})]
        [Optimizer(Sgd)]
        public partial class E
        {
            {{members}}
        }
        """;

    private const string Forward = "public override Tensor forward(Tensor input) => input;";

    [Theory]
    [InlineData("public sealed class Net : nn.Module<Tensor, Tensor> { public Net(int inChannels, int classes) : base(\"Net\") { } " + Forward + " }")]
    [InlineData("public sealed class Net : nn.Module<Tensor, Tensor> { public Net() : base(\"Net\") { } " + Forward + " }")]
    [InlineData("public class Base : nn.Module<Tensor, Tensor> { public Base() : base(\"B\") { } " + Forward + " } public sealed class Net : Base { }")]
    public Task A_constructible_module_type_is_fine(string types) => RecipeTest.VerifyAnalyzerAsync(WithType("typeof(Net)", types));

    [Fact]
    public Task A_type_that_is_not_a_module_is_flagged() => RecipeTest.VerifyAnalyzerAsync(
        WithType("{|#0:typeof(Net)|}", "public sealed class Net { public Net(int inChannels, int classes) { } }"),
        new DiagnosticResult(DiagnosticDescriptors.InvalidModelType).WithLocation(0).WithMessage(
            "Model type 'Net' does not derive from TorchSharp's Module<Tensor, Tensor>; use a TorchSharp Module<Tensor, Tensor> with a public (int inChannels, int classes) or parameterless constructor"));

    [Theory]
    [InlineData("public sealed class Net : nn.Module<Tensor, (Tensor, Tensor)> { public Net() : base(\"Net\") { } public override (Tensor, Tensor) forward(Tensor input) => (input, input); }", "does not derive from TorchSharp's Module<Tensor, Tensor>")]
    [InlineData("public abstract class Net : nn.Module<Tensor, Tensor> { public Net() : base(\"Net\") { } }", "is abstract")]
    [InlineData("public sealed class Net : nn.Module<Tensor, Tensor> { public Net(int classes) : base(\"Net\") { } " + Forward + " }", "has no public (int inChannels, int classes) or parameterless constructor")]
    [InlineData("public sealed class Net : nn.Module<Tensor, Tensor> { internal Net() : base(\"Net\") { } " + Forward + " }", "has no public (int inChannels, int classes) or parameterless constructor")]
    public Task Unusable_module_types_say_why(string types, string problem) => RecipeTest.VerifyAnalyzerAsync(
        WithType("{|#0:typeof(Net)|}", types),
        new DiagnosticResult(DiagnosticDescriptors.InvalidModelType).WithLocation(0).WithArguments("Net", problem));

    [Fact]
    public Task An_open_generic_type_is_flagged() => RecipeTest.VerifyAnalyzerAsync(
        WithType("{|#0:typeof(Net<>)|}", "public sealed class Net<T> : nn.Module<Tensor, Tensor> { public Net() : base(\"Net\") { } " + Forward + " }"),
        new DiagnosticResult(DiagnosticDescriptors.InvalidModelType).WithLocation(0).WithArguments("Net<>", "is an open generic type"));

    [Theory]
    [InlineData("static nn.Module<Tensor, Tensor> Build(int inChannels, int classes) => nn.Identity();")]
    [InlineData("private static nn.Module<Tensor, Tensor> Build() => nn.Identity();")]
    [InlineData("public static TorchSharp.Modules.Sequential Build() => nn.Sequential(nn.Identity());")]
    [InlineData("static nn.Module<Tensor, Tensor> Build(string name) => nn.Identity(); static nn.Module<Tensor, Tensor> Build() => nn.Identity();")]
    public Task A_static_factory_returning_a_module_is_fine(string members) => RecipeTest.VerifyAnalyzerAsync(WithFactory("nameof(Build)", members));

    [Fact]
    public Task A_missing_factory_is_flagged() => RecipeTest.VerifyAnalyzerAsync(
        WithFactory("{|#0:\"Build\"|}", ""),
        new DiagnosticResult(DiagnosticDescriptors.InvalidFactoryMethod).WithLocation(0).WithMessage(
            "Model factory 'Build' is not a method of 'E'; declare it on 'E' as static Module<Tensor, Tensor> Build(int inChannels, int classes) or with no parameters"));

    [Theory]
    [InlineData("nn.Module<Tensor, Tensor> Build() => nn.Identity();", "is not static")]
    [InlineData("static Tensor Build() => torch.zeros(1);", "does not return TorchSharp's Module<Tensor, Tensor>")]
    [InlineData("static nn.Module<Tensor, Tensor> Build(int classes) => nn.Identity();", "must take (int inChannels, int classes) or no parameters")]
    [InlineData("static nn.Module<Tensor, Tensor> Build(long inChannels, long classes) => nn.Identity();", "must take (int inChannels, int classes) or no parameters")]
    public Task Unusable_factories_say_why(string members, string problem) => RecipeTest.VerifyAnalyzerAsync(
        WithFactory("{|#0:nameof(Build)|}", members),
        new DiagnosticResult(DiagnosticDescriptors.InvalidFactoryMethod).WithLocation(0).WithArguments(
            "Build", problem, "declare it on 'E' as static Module<Tensor, Tensor> Build(int inChannels, int classes) or with no parameters"));

    [Fact]
    public Task A_factory_named_like_the_generated_CreateModel_is_flagged() => RecipeTest.VerifyAnalyzerAsync(
        WithFactory("{|#0:nameof(CreateModel)|}", "static nn.Module<Tensor, Tensor> CreateModel(int inChannels, int classes) => nn.Identity();"),
        new DiagnosticResult(DiagnosticDescriptors.InvalidFactoryMethod).WithLocation(0).WithArguments(
            "CreateModel", "has the name of the generated CreateModel method", "give the factory another name"),
        new DiagnosticResult(DiagnosticDescriptors.GeneratedNameClash).WithSpan(7, 22, 7, 23).WithArguments("Member of 'E'", "CreateModel", "declares"));
}
