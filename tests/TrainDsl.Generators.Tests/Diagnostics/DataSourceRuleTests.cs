using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0027: [Data(typeof(T))] names a type the generated code can create with new T() and load through IDataSource.</summary>
public sealed class DataSourceRuleTests
{
    private const string Members = """
        public string Name => "Mine";
        public IReadOnlyList<string> ClassNames => ["a", "b"];
        public int TrainSizeFor(DataOptions options) => 0;
        public DatasetSplits Load(DataOptions options) => throw new NotSupportedException();
        """;

    private static string Recipe(string data, string types) => $$"""
        using TrainDsl.Data;

        [Experiment]
        [Data({{data}})]
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        public partial class E { }

        {{types}}
        """;

    public static TheoryData<string> Usable => new()
    {
        "public sealed class Source : IDataSource { " + Members + " }",
        "public sealed class Source : IDataSource { public Source(int seed = 3) { } " + Members + " }",
        "internal struct Source : IDataSource { public Source(int seed) { } " + Members + " }",
        "public abstract class Base : IDataSource { " + Members + " } public sealed class Source : Base { }",
        "public interface IMine : IDataSource { } public sealed class Source : IMine { " + Members + " }",
    };

    [Theory]
    [MemberData(nameof(Usable))]
    public Task A_constructible_data_source_is_fine(string types) => RecipeTest.VerifyAnalyzerAsync(Recipe("typeof(Source)", types));

    [Fact]
    public Task A_type_that_is_no_data_source_is_flagged() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("{|#0:typeof(Source)|}", "public sealed class Source { }"),
        new DiagnosticResult(DiagnosticDescriptors.InvalidDataSource).WithLocation(0).WithMessage(
            "Data source 'Source' does not implement TrainDsl.Data.IDataSource; use a class that implements TrainDsl.Data.IDataSource and has a public parameterless constructor"));

    [Theory]
    [InlineData("typeof(Source)", "public sealed class Source : IDataSource { public Source(string folder) { } " + Members + " }", "Source", "has no public parameterless constructor")]
    [InlineData("typeof(Source)", "public sealed class Source : IDataSource { internal Source() { } " + Members + " }", "Source", "has no public parameterless constructor")]
    [InlineData("typeof(Source)", "public abstract class Source : IDataSource { " + Members + " }", "Source", "is abstract")]
    [InlineData("typeof(IDataSource)", "", "TrainDsl.Data.IDataSource", "is an interface")]
    [InlineData("typeof(Source<>)", "public sealed class Source<T> : IDataSource { " + Members + " }", "Source<>", "is an open generic type")]
    [InlineData("typeof(int)", "", "int", "does not implement TrainDsl.Data.IDataSource")]
    [InlineData("typeof(int[])", "", "int[]", "does not implement TrainDsl.Data.IDataSource")]
    public Task Unusable_data_sources_say_why(string data, string types, string name, string problem) => RecipeTest.VerifyAnalyzerAsync(
        Recipe("{|#0:" + data + "|}", types),
        new DiagnosticResult(DiagnosticDescriptors.InvalidDataSource).WithLocation(0).WithArguments(name, problem));

    /// <summary>An unusable source generates nothing (no code that cannot compile); a usable one generates code that compiles.</summary>
    [Theory]
    [InlineData("public sealed class Source : IDataSource { public Source(string folder) { } " + Members + " }", false)]
    [InlineData("public sealed class Source { }", false)]
    [InlineData("public sealed class Source : IDataSource { " + Members + " }", true)]
    [InlineData("internal struct Source : IDataSource { " + Members + " }", true)]
    public void The_generator_emits_only_for_a_usable_source(string types, bool generates)
    {
        var run = GeneratorHarness.Run(TestCompilation.Create(OutputKind.DynamicallyLinkedLibrary, Recipe("typeof(Source)", types)));

        Assert.Null(run.Result.Exception);
        Assert.Equal(generates, run.Sources.Any(s => s.HintName == "E.g.cs"));
        Assert.Empty(TestCompilation.Errors(run.OutputCompilation));
    }
}
