using Microsoft.CodeAnalysis;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests;

/// <summary>Experiment inheritance: the derived recipe is the base's with the derived class's own parts replacing or adding.</summary>
public sealed class InheritanceTests
{
    private static ExperimentDeclaration Parse(string name, params string[] sources)
    {
        var compilation = TestCompilation.Create(sources);
        var type = compilation.GetTypeByMetadataName(name) ?? throw new InvalidOperationException(name + " not found");
        return ExperimentParser.Parse(type, CancellationToken.None) ?? throw new InvalidOperationException(name + " is no experiment");
    }

    [Fact]
    public void A_derived_class_inherits_every_part_and_its_own_replace_or_add()
    {
        var derived = Parse("Example.FocalFMix", Recipes.Baseline, Recipes.Inheritance);

        Assert.Equal(LossKind.Focal, derived.Loss!.Loss!.Value);                       // replaced
        Assert.Equal(OptimizerKind.Sgd, derived.Optimizer!.Optimizer!.Value);          // inherited from FashionBaseline
        Assert.Equal(10, derived.Experiment.Epochs!.Value);                           // its own [Experiment(Epochs = 10)]
        Assert.Equal(128, derived.Experiment.BatchSize!.Value);                       // merged from the base's [Experiment]
        Assert.Equal(
            [MetricKind.Accuracy, MetricKind.TopK, MetricKind.MacroF1],
            derived.Metrics.Select(m => m.Metric!.Value));                             // added, base's first
        Assert.Equal([MixMethodKind.FMix], derived.MixMethods.Select(m => m.Kind));   // from WithFMix
        Assert.Contains(new PartOrigin("Data", "FashionBaseline"), derived.Inherited);
        Assert.Contains(new PartOrigin("FMix", "WithFMix"), derived.Inherited);
        Assert.Contains(new PartOrigin("Metric(MacroF1)", "WithFMix"), derived.Inherited);
        Assert.DoesNotContain(derived.Inherited, o => o.Part is "Loss" or "Epochs");
    }

    [Fact]
    public void A_derived_metric_of_the_same_kind_replaces_the_base_one()
    {
        var derived = Parse("Example.Top3", Recipes.Baseline, """
            namespace Example;
            [Metric(TopK, K = 5, Primary = true)]
            public partial class Top3 : FashionBaseline;
            """);

        Assert.Equal(2, derived.Metrics.Count);
        Assert.True(derived.Metrics[1].Primary!.Value);
        Assert.DoesNotContain(derived.Inherited, o => o.Part == "Metric(TopK, K = 5)");
    }

    [Fact]
    public void The_plan_names_where_each_inherited_part_came_from()
    {
        var run = GeneratorHarness.Run(TestCompilation.Create(Recipes.Baseline, Recipes.Inheritance));

        var focal = run.Sources.Single(s => s.HintName == "Example.FocalFMix.g.cs").Text;
        Assert.Contains(
            "\"Inherited from FashionBaseline: BatchSize, Seed, Data, Model, Optimizer, Schedule, Metric(Accuracy), Metric(TopK, K = 5)\"",
            focal);
        Assert.Contains("\"Inherited from WithFMix: Metric(MacroF1), FMix, Sweep(LearningRate)\"", focal);
        var baseline = run.Sources.Single(s => s.HintName == "Example.FashionBaseline.g.cs").Text;
        Assert.DoesNotContain("Inherited from", baseline);
    }

    [Fact]
    public void Derived_experiments_compile_without_warnings_and_join_the_entry_point()
    {
        var run = GeneratorHarness.Run(TestCompilation.Create(OutputKind.ConsoleApplication, Recipes.Baseline, Recipes.Inheritance));

        var problems = run.OutputCompilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true)
            .Concat(run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(problems);
        var main = run.Sources.Single(s => s.HintName == "TrainDslProgram.g.cs").Text;
        Assert.Contains("new global::Example.FashionBaseline.Runner()", main);
        Assert.Contains("new global::Example.WithFMix.Runner()", main);
        Assert.Contains("new global::Example.FocalFMix.Runner()", main);
    }

    /// <summary>Every recipe's generated members, hidden by a derived experiment's: no CS0108 (missing new) and no CS0109 (new hiding nothing).</summary>
    [Theory]
    [InlineData("FullRecipe", "Recipes.Full.FullRecipe")]
    [InlineData("EmaAccumulation", "Recipes.Averaged.Accumulated")]
    [InlineData("ImageFolder", null)]
    [InlineData("UserDataSource", null)]
    [InlineData("Distillation", null)]
    public void Deriving_from_any_baseline_recipe_compiles_without_warnings(string recipe, string? baseName)
    {
        var (_, sources) = BaselineTests.CaseSources[recipe];
        var compilation = TestCompilation.Create(sources);
        var baseType = baseName is null
            ? compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type).OfType<INamedTypeSymbol>().First(t => MetadataNames.IsExperiment(t))
            : compilation.GetTypeByMetadataName(baseName)!;
        var derived = "[Experiment(Epochs = 40)] [Sweep(\"Seed\", 1, 2)] public partial class Derived : "
            + baseType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ";";
        var run = GeneratorHarness.Run(TestCompilation.Create([.. sources, derived]));

        Assert.Contains(run.Sources, s => s.HintName == "Derived.g.cs");
        var problems = run.OutputCompilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error
                        || d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        Assert.Empty(problems);
    }

    /// <summary>The runtime view: each runner's plan and declared sweep, read through IExperiment.</summary>
    [Fact]
    public void The_derived_runner_plans_the_combined_recipe()
    {
        var run = GeneratorHarness.Run(TestCompilation.Create(Recipes.Baseline, Recipes.Inheritance));
        var focal = run.Sources.Single(s => s.HintName == "Example.FocalFMix.g.cs").Text;

        Assert.Contains("public new sealed record Config", focal);
        Assert.Contains("public int Epochs { get; init; } = 10;", focal);
        Assert.Contains("public int BatchSize { get; init; } = 128;", focal);
        Assert.Contains("public new const string ExperimentName = \"FocalFMix\";", focal);
        Assert.Contains("(\"LearningRate\", [\"0.05\", \"0.1\", \"0.2\"]),", focal);
        Assert.Contains("public static new global::System.Collections.Generic.IReadOnlyList<(string Name, string[] Values)> DeclaredSweep", focal);
        var withFMix = run.Sources.Single(s => s.HintName == "Example.WithFMix.g.cs").Text;
        Assert.Contains("public static global::System.Collections.Generic.IReadOnlyList<(string Name, string[] Values)> DeclaredSweep", withFMix);
    }

    [Fact]
    public void A_derived_experiment_can_be_a_distillation_teacher()
    {
        const string student = """
            namespace Example;
            [Experiment]
            [Data(FashionMnist)]
            [Model(SmallCnn)]
            [Optimizer(Sgd)]
            [Distill(typeof(WithFMix))]
            public partial class Student;
            """;
        var run = GeneratorHarness.Run(TestCompilation.Create(Recipes.Baseline, Recipes.Inheritance, student));

        Assert.Empty(TestCompilation.Errors(run.OutputCompilation));
        Assert.Contains("WithFMix.CreateModel(", run.Sources.Single(s => s.HintName == "Example.Student.g.cs").Text);
    }

    [Fact]
    public void A_class_deriving_from_a_non_experiment_is_not_an_experiment()
    {
        var compilation = TestCompilation.Create("public class Plain { } public partial class Child : Plain { }");
        Assert.Null(ExperimentParser.Parse(compilation.GetTypeByMetadataName("Child")!, CancellationToken.None));
    }

    /// <summary>
    /// C# rejects a cyclic base list itself (CS0146) and breaks the cycle; the generator must neither throw nor loop, and
    /// add nothing to the compiler's errors (no TD diagnostic either: CS0146 already says what is wrong).
    /// </summary>
    [Fact]
    public async Task A_base_cycle_gets_the_compiler_error_only()
    {
        const string cycle = """
            [Experiment]
            [Data(FashionMnist)]
            [Model(SmallCnn)]
            [Optimizer(Sgd)]
            public partial class A : B { }

            [FMix]
            public partial class B : A { }
            """;
        var compilation = TestCompilation.Create(cycle);
        var run = GeneratorHarness.Run(compilation);

        Assert.Empty(run.Diagnostics);
        var errors = TestCompilation.Errors(run.OutputCompilation).Select(d => d.Id).Distinct();
        Assert.Equal(["CS0146"], errors);
        var analyzer = await AnalyzerRunner.RunAsync(compilation);
        Assert.DoesNotContain(analyzer, d => d.Id.StartsWith("TD", StringComparison.Ordinal));
    }
}
