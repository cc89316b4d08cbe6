using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests;

/// <summary>
/// The pipeline caches: an edit that does not touch a recipe leaves every tracked step Cached or
/// Unchanged (so nothing is re-emitted), and no model holds a symbol, syntax node or compilation.
/// </summary>
public sealed class IncrementalTests
{
    private static readonly string[] TrackedSteps =
    [
        TrackingNames.Declarations,
        TrackingNames.Experiments,
        TrackingNames.EntryPointExperiments,
        TrackingNames.IsExecutable,
        TrackingNames.HasOwnEntryPoint,
        TrackingNames.EntryPoint,
    ];

    private const string Unrelated = """
        namespace Example;

        public static class Helpers
        {
            public static int Twice(int x) => 2 * x;
        }
        """;

    private static Compilation Start() => TestCompilation.Create(OutputKind.ConsoleApplication,
        Recipes.Baseline, Recipes.FocalStepTopK, Unrelated, Recipes.FullRecipe, Recipes.Distillation);

    [Fact]
    public void Adding_an_unrelated_file_reruns_nothing()
    {
        var compilation = Start();
        var first = GeneratorHarness.Run(compilation);
        var second = first.Rerun(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Other; public sealed class Unrelated { public int Value { get; set; } }", TestCompilation.ParseOptions, path: "Unrelated.cs")));

        AssertAllCached(second);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void Editing_an_unrelated_class_reruns_nothing()
    {
        var compilation = Start();
        var first = GeneratorHarness.Run(compilation);
        var oldTree = compilation.SyntaxTrees.Single(t => t.FilePath == "Recipe2.cs");
        var newTree = oldTree.WithChangedText(oldTree.GetText().Replace(oldTree.ToString().IndexOf("2 * x", StringComparison.Ordinal), 5, "x + x"));
        var second = first.Rerun(compilation.ReplaceSyntaxTree(oldTree, newTree));

        AssertAllCached(second);
    }

    [Fact]
    public void Editing_a_recipe_regenerates_it()
    {
        var compilation = Start();
        var first = GeneratorHarness.Run(compilation);
        var oldTree = compilation.SyntaxTrees.Single(t => t.FilePath == "Recipe0.cs");
        var newTree = oldTree.WithChangedText(oldTree.GetText().Replace(oldTree.ToString().IndexOf("Epochs = 6", StringComparison.Ordinal), 10, "Epochs = 8"));
        var second = first.Rerun(compilation.ReplaceSyntaxTree(oldTree, newTree));

        var outputs = second.Result.TrackedSteps[TrackingNames.Experiments].SelectMany(s => s.Outputs).ToList();
        Assert.Contains(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("public int Epochs { get; init; } = 8;", second.Sources.Single(s => s.HintName == "Example.FashionBaseline.g.cs").Text);
    }

    /// <summary>A derived experiment's model holds its base's attributes, so editing the base regenerates the derived file.</summary>
    [Fact]
    public void Editing_a_base_experiment_regenerates_the_derived_ones()
    {
        var compilation = TestCompilation.Create(OutputKind.ConsoleApplication, Recipes.Baseline, Recipes.Inheritance);
        var first = GeneratorHarness.Run(compilation);
        var oldTree = compilation.SyntaxTrees.Single(t => t.FilePath == "Recipe0.cs");
        var newTree = oldTree.WithChangedText(oldTree.GetText().Replace(oldTree.ToString().IndexOf("BatchSize = 128", StringComparison.Ordinal), 15, "BatchSize = 256"));
        var second = first.Rerun(compilation.ReplaceSyntaxTree(oldTree, newTree));

        Assert.Contains("public int BatchSize { get; init; } = 128;", first.Sources.Single(s => s.HintName == "Example.FocalFMix.g.cs").Text);
        Assert.Contains("public int BatchSize { get; init; } = 256;", second.Sources.Single(s => s.HintName == "Example.FocalFMix.g.cs").Text);
        Assert.Contains("public int BatchSize { get; init; } = 256;", second.Sources.Single(s => s.HintName == "Example.WithFMix.g.cs").Text);
    }

    [Fact]
    public void With_derived_experiments_an_unrelated_edit_reruns_nothing()
    {
        var compilation = TestCompilation.Create(OutputKind.ConsoleApplication, Recipes.Baseline, Recipes.Inheritance, Unrelated);
        var first = GeneratorHarness.Run(compilation);
        var second = first.Rerun(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Other; public sealed class Unrelated : System.Exception { }", TestCompilation.ParseOptions, path: "Unrelated.cs")));

        AssertAllCached(second);
        Assert.Equal(first.Sources, second.Sources);
    }

    private static void AssertAllCached(GeneratorHarness run)
    {
        foreach (var name in TrackedSteps)
        {
            Assert.True(run.Result.TrackedSteps.TryGetValue(name, out var steps), $"Step '{name}' was not tracked.");
            foreach (var output in steps.SelectMany(s => s.Outputs))
            {
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"Step '{name}' output was {output.Reason}: {output.Value}");
            }
        }
        foreach (var output in run.Result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs))
        {
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason);
        }
    }

    [Fact]
    public void No_model_reaches_a_symbol_syntax_node_location_semantic_model_or_compilation()
    {
        var run = GeneratorHarness.Run(TestCompilation.Create(OutputKind.ConsoleApplication,
            Recipes.Baseline, Recipes.FocalStepTopK, Recipes.AdamWMultiStep, Recipes.UserModelType, Recipes.FactoryMethod,
            Recipes.FullRecipe, Recipes.ImbalancedFocal, Recipes.Distillation, Recipes.Plateau, Recipes.FMix));

        var values = TrackedSteps
            .SelectMany(name => run.Result.TrackedSteps[name])
            .SelectMany(step => step.Outputs)
            .Select(output => output.Value)
            .ToList();
        Assert.Contains(values, v => v is ExperimentDeclaration);
        Assert.Contains(values, v => v is ResolvedExperiment);

        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var value in values) Walk(value, "output", visited);
    }

    private static readonly Type[] Forbidden =
        [typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(SemanticModel), typeof(Compilation), typeof(SyntaxTree)];

    private static void Walk(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        var type = value.GetType();
        Assert.False(Forbidden.Any(f => f.IsAssignableFrom(type)), $"{path} is a {type.FullName}.");
        if (!type.IsValueType && !visited.Add(value)) return;

        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items) Walk(item, $"{path}[{i++}]", visited);
            return;
        }
        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.GetValue(value), $"{path}.{field.Name}", visited);
        }
    }
}
