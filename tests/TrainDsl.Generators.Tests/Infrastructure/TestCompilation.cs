using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TrainDsl.Generators.Tests.Infrastructure;

/// <summary>Builds C# compilations of recipes against the real runtime, as a project using TrainDsl would.</summary>
internal static class TestCompilation
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    public static CSharpCompilation Create(OutputKind outputKind, params string[] sources)
    {
        var trees = sources
            .Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Recipe{i}.cs"))
            .Append(CSharpSyntaxTree.ParseText(TestReferences.GlobalUsings, ParseOptions, path: "GlobalUsings.g.cs"));
        return CSharpCompilation.Create(
            "Recipes",
            trees,
            TestReferences.All,
            new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable));
    }

    public static CSharpCompilation Create(params string[] sources) => Create(OutputKind.DynamicallyLinkedLibrary, sources);

    /// <summary>Errors (and the generator-failure warning CS8785) of a compilation.</summary>
    public static ImmutableArray<Diagnostic> Errors(Compilation compilation)
        => compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error || d.Id == "CS8785")
            .ToImmutableArray();
}
