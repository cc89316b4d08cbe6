using Microsoft.CodeAnalysis;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>
/// TD0041: a namespace or type named like a recipe word hides it (issue #15: <c>dotnet new traindsl -n FashionMnist</c> did not
/// build, CS0118). The generator names the collision and the fix; <c>Recipe.FashionMnist</c> builds in any namespace.
/// </summary>
public sealed class HiddenRecipeWordRuleTests
{
    private static string Recipe(string ns, string data = "FashionMnist", string model = "SmallCnn", string metric = "Accuracy", string more = "")
        => $$"""
        namespace {{ns}};
        {{more}}
        [Experiment]
        [Data({{data}})]
        [Model({{model}})]
        [Optimizer(Sgd)]
        [Metric({{metric}})]
        public partial class Experiment;
        """;

    private static GeneratorHarness Run(string source)
    {
        var run = GeneratorHarness.Run(TestCompilation.Create(OutputKind.ConsoleApplication, source));
        Assert.Null(run.Result.Exception);
        return run;
    }

    [Theory]
    [InlineData("FashionMnist", "FashionMnist", "Data", "the namespace 'FashionMnist'", "CS0118")]
    [InlineData("Mnist", "Mnist", "Data", "the namespace 'Mnist'", "CS0118")]
    [InlineData("SmallCnn", "SmallCnn", "Model", "the namespace 'SmallCnn'", "CS0118")]
    [InlineData("Accuracy", "Accuracy", "Metric", "the namespace 'Accuracy'", "CS0118")]
    [InlineData("Accuracy.Lab", "Accuracy", "Metric", "the namespace 'Accuracy'", "CS0118")]
    public void A_namespace_named_like_a_word_is_TD0041_beside_the_compiler_error(string ns, string word, string attribute, string meaning, string compilerError)
    {
        var source = Recipe(ns, data: word == "Mnist" ? "Mnist" : "FashionMnist");
        var run = Run(source);

        Assert.Contains(run.OutputCompilation.GetDiagnostics(), d => d.Id == compilerError);
        var hidden = Assert.Single(run.Diagnostics, d => d.Id == "TD0041");
        Assert.Equal(DiagnosticSeverity.Error, hidden.Severity);
        Assert.Equal(
            $"'{word}' in [{attribute}] means {meaning}, not the recipe word; write Recipe.{word}, or rename the namespace",
            hidden.GetMessage());
        Assert.Equal(word, source.Substring(hidden.Location.SourceSpan.Start, hidden.Location.SourceSpan.Length));
        // The experiment is not generated, but the program keeps its Main, so only the real errors show (no CS5001).
        Assert.Equal(["TrainDslProgram.g.cs"], run.Sources.Select(s => s.HintName));
        Assert.DoesNotContain(run.OutputCompilation.GetDiagnostics(), d => d.Id == "CS5001");
    }

    [Fact]
    public void A_type_named_like_a_word_is_TD0041()
    {
        var run = Run(Recipe("Lab", more: "public sealed class Accuracy { }"));

        Assert.Contains(run.OutputCompilation.GetDiagnostics(), d => d.Id == "CS0119");
        var hidden = Assert.Single(run.Diagnostics, d => d.Id == "TD0041");
        Assert.Equal(
            "'Accuracy' in [Metric] means the type 'Lab.Accuracy', not the recipe word; write Recipe.Accuracy, or rename the type",
            hidden.GetMessage());
    }

    /// <summary>The qualified fallback the message suggests builds in the colliding namespace and generates the experiment.</summary>
    [Theory]
    [InlineData("FashionMnist")]
    [InlineData("SmallCnn")]
    [InlineData("Accuracy")]
    public void The_qualified_words_build_in_a_namespace_named_like_one(string ns)
    {
        var run = Run(Recipe(ns, "Recipe.FashionMnist", "Recipe.SmallCnn", "Recipe.Accuracy"));

        Assert.DoesNotContain(run.Diagnostics, d => d.Id.StartsWith("TD", StringComparison.Ordinal));
        Assert.Contains(run.Sources, s => s.HintName == ns + ".Experiment.g.cs");
        var errors = TestCompilation.Errors(run.OutputCompilation);
        Assert.True(errors.IsEmpty, string.Join(Environment.NewLine, errors.Take(5)));
    }

    /// <summary>A word that binds to the recipe constant, even when it is the wrong kind of word, is the compiler's alone.</summary>
    [Fact]
    public void A_word_of_the_wrong_kind_is_not_TD0041()
    {
        var run = Run(Recipe("Lab", data: "SmallCnn"));

        Assert.Contains(run.OutputCompilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "TD0041");
    }

    /// <summary>RecipeWords is the generator's copy of TrainDsl.Recipe's constants; both name the same words.</summary>
    [Fact]
    public void RecipeWords_are_the_Recipe_constants()
    {
        var constants = typeof(TrainDsl.Recipe).GetFields().Where(f => f.IsLiteral).Select(f => f.Name).Order(StringComparer.Ordinal);
        Assert.Equal(constants, RecipeWords.All.Order(StringComparer.Ordinal));
    }
}
