using Microsoft.CodeAnalysis;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests;

/// <summary>
/// Malformed input never crashes the generator or the analyzer: no exception, no CS8785 ("generator
/// failed"), no AD0001 ("analyzer threw"); a recipe that cannot be read simply generates nothing
/// (the compiler reports what is wrong with it).
/// </summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> Malformed => new()
    {
        // Missing constructor arguments.
        "[Experiment] [Data] [Model] [Optimizer] public partial class E { }",
        "[Experiment] [Data()] [Model()] [Optimizer()] [Loss()] [Schedule()] [Metric()] public partial class E { }",
        // Wrong argument types.
        "[Experiment(Epochs = \"ten\")] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] public partial class E { }",
        "[Experiment(BatchSize = 1.5)] [Data(\"fashion\")] [Model(3.0)] [Optimizer(Sgd, LearningRate = \"fast\")] public partial class E { }",
        "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] [Schedule(MultiStep, Milestones = new[] { 1.5 })] public partial class E { }",
        "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] [Loss(Focal, Alpha = new[] { \"a\" })] public partial class E { }",
        "[Experiment] [Data(FashionMnist)] [Model(typeof(DoesNotExist))] [Optimizer(Sgd)] public partial class E { }",
        "[Experiment] [Data(FashionMnist)] [Model(nameof(DoesNotExist))] [Optimizer(Sgd)] public partial class E { }",
        "[Experiment] [Data(FashionMnist)] [Model(null)] [Optimizer(Sgd)] public partial class E { }",
        "[Experiment] [Data(FashionMnist)] [Model((string)null)] [Optimizer(Sgd)] public partial class E { }",
        "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] [Loss(Focal, Alpha = null)] [Schedule(MultiStep, Milestones = null)] public partial class E { }",
        "[Experiment(Unknown = 3)] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] public partial class E { }",
        "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] [Distill(typeof(DoesNotExist))] public partial class E { }",
        "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] [Distill(null)] public partial class E { }",
        "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] [Distill(typeof(E), Checkpoint = 3)] public partial class E { }",
        "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] [Distill] public partial class E { }",
        "[Experiment] [Data(FashionMnist, Imbalance = \"high\")] [Model(SmallCnn)] [Optimizer(Sgd)] public partial class E { }",
        "[Experiment] [Data(typeof(DoesNotExist))] [Model(SmallCnn)] [Optimizer(Sgd)] public partial class E { }",
        "[Experiment] [Data(null)] [Model(SmallCnn)] [Optimizer(Sgd)] public partial class E { }",
        "[Experiment] [Data(FashionMnist, typeof(E))] [Model(SmallCnn)] [Optimizer(Sgd)] public partial class E { }",
        "[Experiment] [Data(\"cifar\")] [Model(SmallCnn)] [Optimizer(Sgd)] public partial class E { }",
        "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] [Schedule(Plateau, Monitor = 2)] public partial class E { }",
        "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] [Metric(Accuracy, Primary = 1)] public partial class E { }",
        "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] [MixUp(Alpha = \"a\")] [RandomCrop(Padding = 1.5)] public partial class E { }",
        "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] [MixUp] [MixUp] [ZeroGamma(1)] public partial class E { }",
        // Wrong targets.
        "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] public partial struct S { }",
        "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] public partial interface I { }",
        "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] public enum En { A }",
        "public partial class C { [Experiment] public void M() { } }",
        "[Experiment] public delegate void D();",
        // Syntax errors.
        "[Experiment(] [Data(FashionMnist)] public partial class E { }",
        "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd, LearningRate = )] public partial class E {",
        "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] public partial class { }",
        "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] public partial class E<> { }",
        // A user attribute that shadows ours by simple name.
        "class ExperimentAttribute : System.Attribute { } [Experiment] public partial class E { }",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_recipes_neither_crash_nor_generate(string source)
    {
        var compilation = TestCompilation.Create(OutputKind.ConsoleApplication, source);

        var run = GeneratorHarness.Run(compilation);
        Assert.Null(run.Result.Exception);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "CS8785");
        Assert.DoesNotContain(run.OutputCompilation.GetDiagnostics(), d => d.Id == "CS8785");
        // Nothing of the experiment; at most the program's entry point, naming no Runner, so no CS5001 joins the errors.
        Assert.All(run.Sources, s => Assert.True(s.HintName == "TrainDslProgram.g.cs" && !s.Text.Contains("Runner"), s.HintName));

        await AnalyzerRunner.RunAsync(compilation); // asserts no AD0001
    }

    /// <summary>A readable recipe in otherwise broken code: the generator may emit (the IDE keeps the members), but never crashes.</summary>
    public static TheoryData<string> BrokenSurroundings => new()
    {
        "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] partial class E : DoesNotExist { void M( }",
        "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] public partial class E { int x = ; }",
        "[Experiment] [Experiment] [Data(FashionMnist)] [Data(Mnist)] [Model(SmallCnn)] [Optimizer(Sgd)] public partial class E { }",
        "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] public partial class E { } public partial class E { public int Epochs => ; }",
    };

    [Theory]
    [MemberData(nameof(BrokenSurroundings))]
    public async Task Broken_code_around_a_recipe_does_not_crash(string source)
    {
        var compilation = TestCompilation.Create(OutputKind.ConsoleApplication, source);

        var run = GeneratorHarness.Run(compilation);
        Assert.Null(run.Result.Exception);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "CS8785");
        Assert.DoesNotContain(run.OutputCompilation.GetDiagnostics(), d => d.Id == "CS8785");

        await AnalyzerRunner.RunAsync(compilation);
    }

    [Fact]
    public void An_assembly_without_the_runtime_generates_nothing()
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "NoRuntime",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("[Experiment] partial class E { }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);

        var run = GeneratorHarness.Run(compilation);
        Assert.Null(run.Result.Exception);
        Assert.Empty(run.Sources);
    }
}
