using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using TrainDsl.CodeFixes;

namespace TrainDsl.Generators.Tests.Infrastructure;

/// <summary>
/// Analyzer and code-fix tests with inline markup (<c>{|TD0004:Epochs = 0|}</c>), compiled like a
/// project that uses TrainDsl: implicit usings, the runtime and TorchSharp.
/// </summary>
internal static class RecipeTest
{
    /// <summary>
    /// No reference-assembly package: the framework comes from the running runtime's own assemblies
    /// (<see cref="TestReferences"/>), so the tests need no download.
    /// </summary>
    private static readonly ReferenceAssemblies NoPackages = new("net10.0");

    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync(source, backend: null, expected);

    /// <param name="backend">The MSBuild property TrainDslBackend as the analyzer sees it; null leaves it unset.</param>
    public static Task VerifyAnalyzerAsync(string source, string? backend, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<RecipeAnalyzer, DefaultVerifier> { TestCode = source };
        Configure(test.TestState);
        if (backend is not null)
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.TrainDslBackend = " + backend + "\n"));
        test.ReferenceAssemblies = NoPackages;
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <param name="title">When set, the title the chosen code action must have.</param>
    /// <param name="incrementalIterations">Fixes applied one by one until no diagnostic is left (one per flagged recipe).</param>
    public static Task VerifyCodeFixAsync(
        string source, string fixedSource, string equivalenceKey, string? title = null, int incrementalIterations = 1)
        => VerifyCodeFixAsync<LinearScalingRuleCodeFix>(source, fixedSource, equivalenceKey, title, incrementalIterations);

    /// <summary>As <see cref="VerifyCodeFixAsync(string, string, string, string?, int)"/>, with the code fix <typeparamref name="TCodeFix"/>.</summary>
    public static Task VerifyCodeFixAsync<TCodeFix>(
        string source, string fixedSource, string equivalenceKey, string? title = null, int incrementalIterations = 1)
        where TCodeFix : Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<RecipeAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
            NumberOfIncrementalIterations = incrementalIterations,
            NumberOfFixAllIterations = 1,
        };
        if (title is not null) test.CodeActionVerifier = (action, verifier) => verifier.Equal(title, action.Title);
        Configure(test.TestState);
        Configure(test.FixedState);
        test.ReferenceAssemblies = NoPackages;
        return test.RunAsync();
    }

    private static void Configure(SolutionState state)
    {
        state.Sources.Add(("GlobalUsings.g.cs", TestReferences.GlobalUsings));
        state.AdditionalReferences.AddRange(TestReferences.All);
    }
}
