using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TrainDsl.Generators.Tests.Infrastructure;

/// <summary>Runs <see cref="ExperimentGenerator"/> over a compilation and keeps everything a test inspects.</summary>
internal sealed record GeneratorHarness(
    GeneratorDriver Driver,
    GeneratorDriverRunResult RunResult,
    Compilation OutputCompilation,
    ImmutableArray<Diagnostic> Diagnostics)
{
    public static GeneratorHarness Run(Compilation compilation)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new ExperimentGenerator().AsSourceGenerator() },
            parseOptions: TestCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return RunWith(driver, compilation);
    }

    /// <summary>Runs the same driver again on an edited compilation, as an IDE does after a keystroke.</summary>
    public GeneratorHarness Rerun(Compilation compilation) => RunWith(Driver, compilation);

    private static GeneratorHarness RunWith(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorHarness(driver, driver.GetRunResult(), output, diagnostics);
    }

    public GeneratorRunResult Result => RunResult.Results.Single();

    /// <summary>Generated files by hint name, in hint-name order.</summary>
    public IReadOnlyList<(string HintName, string Text)> Sources
        => Result.GeneratedSources
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .Select(s => (s.HintName, s.SourceText.ToString()))
            .ToList();
}
