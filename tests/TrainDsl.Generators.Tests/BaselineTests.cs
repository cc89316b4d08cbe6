using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests;

/// <summary>
/// Snapshot tests: the generated files of each recipe must equal the checked-in
/// Baselines/&lt;Case&gt;/&lt;HintName&gt;.txt, and must compile against the real runtime.
/// Set TRAINDSL_ACCEPT=1 to write the actual output as the new baselines (see Baselines/README.md).
/// </summary>
public sealed class BaselineTests
{
    public static TheoryData<string> Cases => new(CaseSources.Keys.Order(StringComparer.Ordinal));

    internal static readonly Dictionary<string, (OutputKind Kind, string[] Sources)> CaseSources = new()
    {
        // An executable, so the case also covers the generated entry point.
        ["Baseline"] = (OutputKind.ConsoleApplication, [Recipes.Baseline]),
        ["FocalStepTopK"] = (OutputKind.DynamicallyLinkedLibrary, [Recipes.FocalStepTopK]),
        ["AdamWMultiStep"] = (OutputKind.DynamicallyLinkedLibrary, [Recipes.AdamWMultiStep]),
        ["UserModelType"] = (OutputKind.DynamicallyLinkedLibrary, [Recipes.UserModelType]),
        ["FactoryMethod"] = (OutputKind.DynamicallyLinkedLibrary, [Recipes.FactoryMethod]),
        ["Executable"] = (OutputKind.ConsoleApplication, [Recipes.ExecutableZeta, Recipes.ExecutableAlpha]),
        ["FullRecipe"] = (OutputKind.DynamicallyLinkedLibrary, [Recipes.FullRecipe]),
        ["ImbalancedFocal"] = (OutputKind.DynamicallyLinkedLibrary, [Recipes.ImbalancedFocal]),
        ["Distillation"] = (OutputKind.DynamicallyLinkedLibrary, [Recipes.Distillation]),
        ["Plateau"] = (OutputKind.DynamicallyLinkedLibrary, [Recipes.Plateau]),
        ["FMix"] = (OutputKind.DynamicallyLinkedLibrary, [Recipes.FMix]),
        ["MixedPrecision"] = (OutputKind.DynamicallyLinkedLibrary, [Recipes.MixedPrecision]),
        ["Cifar"] = (OutputKind.DynamicallyLinkedLibrary, [Recipes.Cifar]),
        ["ImageFolder"] = (OutputKind.DynamicallyLinkedLibrary, [Recipes.ImageFolder]),
        ["UserDataSource"] = (OutputKind.DynamicallyLinkedLibrary, [Recipes.UserDataSource]),
        ["ResizedCrop"] = (OutputKind.DynamicallyLinkedLibrary, [Recipes.ResizedCrop]),
        ["AdaptiveOptimizers"] = (OutputKind.DynamicallyLinkedLibrary, [Recipes.AdamAmsgrad, Recipes.RmsPropCentered]),
        ["LargeBatch"] = (OutputKind.DynamicallyLinkedLibrary, [Recipes.LambOneCycle, Recipes.LarsScaled]),
        ["EmaAccumulation"] = (OutputKind.DynamicallyLinkedLibrary, [Recipes.EmaAccumulation]),
        ["Validation"] = (OutputKind.DynamicallyLinkedLibrary, [Recipes.Validation]),
        ["Inheritance"] = (OutputKind.ConsoleApplication, [Recipes.Baseline, Recipes.Inheritance]),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_files_match_the_baselines(string name)
    {
        var (kind, sources) = CaseSources[name];
        var run = GeneratorHarness.Run(TestCompilation.Create(kind, sources));

        Assert.Empty(run.Diagnostics);
        Assert.NotEmpty(run.Sources);
        Baselines.Verify(name, run.Sources);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_code_compiles_against_the_runtime(string name)
    {
        var (kind, sources) = CaseSources[name];
        var run = GeneratorHarness.Run(TestCompilation.Create(kind, sources));

        var errors = TestCompilation.Errors(run.OutputCompilation);
        Assert.True(errors.IsEmpty, string.Join(Environment.NewLine, errors));
    }

    /// <summary>People read the generated file: no line is wider than 140 columns.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_lines_are_at_most_140_columns(string name)
    {
        var (kind, sources) = CaseSources[name];
        var run = GeneratorHarness.Run(TestCompilation.Create(kind, sources));

        var wide = run.Sources
            .SelectMany(s => s.Text.Split('\n').Select((line, i) => (s.HintName, Line: i + 1, line.Length)))
            .Where(l => l.Length > 140)
            .Select(l => l.HintName + ":" + l.Line + " has " + l.Length + " columns");
        Assert.Empty(wide);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Baseline_recipes_have_no_analyzer_errors(string name)
    {
        var (kind, sources) = CaseSources[name];
        var diagnostics = await AnalyzerRunner.RunAsync(TestCompilation.Create(kind, sources));

        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    /// <summary>
    /// The only experiment has a recipe error (TD0003: no [Optimizer]), so nothing of it is generated; the program still
    /// gets its Main, so the compiler adds no CS5001 (or any other error) to the analyzer's TD diagnostics.
    /// </summary>
    [Fact]
    public async Task An_executable_whose_only_experiment_has_an_error_gets_no_compiler_errors()
    {
        const string broken = """
            [Experiment]
            [Data(FashionMnist)]
            [Model(SmallCnn)]
            public partial class OnlyExperiment { }
            """;
        var compilation = TestCompilation.Create(OutputKind.ConsoleApplication, broken);
        var run = GeneratorHarness.Run(compilation);

        Assert.Equal(["TrainDslProgram.g.cs"], run.Sources.Select(s => s.HintName));
        Assert.Empty(TestCompilation.Errors(run.OutputCompilation));
        var diagnostics = await AnalyzerRunner.RunAsync(compilation);
        Assert.Contains(diagnostics, d => d.Id == "TD0003");
    }

    [Fact]
    public void A_library_gets_no_entry_point()
    {
        var run = GeneratorHarness.Run(TestCompilation.Create(Recipes.ExecutableZeta));

        Assert.DoesNotContain(run.Sources, s => s.HintName == "TrainDslProgram.g.cs");
    }

    [Theory]
    [InlineData("static void Main() { }", "class Program { ", " }")]
    [InlineData("System.Console.WriteLine(1);", "", "")]
    public void An_executable_with_its_own_entry_point_gets_none(string code, string before, string after)
    {
        var program = before + code + after;
        var run = GeneratorHarness.Run(TestCompilation.Create(OutputKind.ConsoleApplication, program, Recipes.ExecutableZeta));

        Assert.DoesNotContain(run.Sources, s => s.HintName == "TrainDslProgram.g.cs");
        Assert.Contains(run.Sources, s => s.HintName == "App.Zeta.g.cs");
    }
}

/// <summary>Reads, compares and (in accept mode) rewrites the baseline files.</summary>
internal static class Baselines
{
    public static bool AcceptMode => Environment.GetEnvironmentVariable("TRAINDSL_ACCEPT") == "1";

    /// <summary>The checked-in folder, next to this source file.</summary>
    public static string SourceFolder([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "Baselines");

    public static string FileName(string hintName) => hintName + ".txt";

    public static void Verify(string caseName, IReadOnlyList<(string HintName, string Text)> sources)
    {
        var folder = Path.Combine(SourceFolder(), caseName);
        if (AcceptMode)
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
            foreach (var (hintName, text) in sources) File.WriteAllText(Path.Combine(folder, FileName(hintName)), text);
            return;
        }

        // Prefer the checked-in folder itself (fresh after an accept run); the copy in the output
        // folder serves when the sources are not where this file was compiled.
        var expectedFolder = Directory.Exists(SourceFolder()) ? folder : Path.Combine(AppContext.BaseDirectory, "Baselines", caseName);
        Assert.True(Directory.Exists(expectedFolder), $"No baselines for '{caseName}' in {expectedFolder}; run with TRAINDSL_ACCEPT=1 to create them.");
        var expectedFiles = Directory.GetFiles(expectedFolder, "*.g.cs.txt").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedFiles, sources.Select(s => FileName(s.HintName)).ToList());

        foreach (var (hintName, text) in sources)
        {
            var expected = File.ReadAllText(Path.Combine(expectedFolder, FileName(hintName))).ReplaceLineEndings("\n");
            Assert.True(expected == text, $"{caseName}/{FileName(hintName)} differs from its baseline:{Environment.NewLine}{FirstDifference(expected, text)}{Environment.NewLine}Run with TRAINDSL_ACCEPT=1 to accept the new output.");
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end of file>";
            var right = i < a.Length ? a[i] : "<end of file>";
            if (left != right) return $"line {i + 1}:{Environment.NewLine}  expected: {left}{Environment.NewLine}  actual:   {right}";
        }
        return "(no line differs)";
    }
}
