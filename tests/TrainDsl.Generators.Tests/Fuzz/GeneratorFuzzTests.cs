using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TrainDsl.Generators.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TrainDsl.Generators.Tests.Fuzz;

/// <summary>
/// Issue #15's fuzz test: random declarations and mid-typing edits (<see cref="DeclarationFuzzer"/>) run through the generator
/// and the analyzer in memory. Invariants, for every declaration:
/// <list type="bullet">
/// <item>the generator never throws (no CS8785, no TD0031) and the analyzer never throws (no AD0001);</item>
/// <item>no diagnostic (warning or error) inside a generated file, whatever the declaration;</item>
/// <item>the generated code adds no warning or error to the user's file;</item>
/// <item>a declaration whose file has no C# error and no TD error gets its generated file.</item>
/// </list>
/// CI checks <see cref="DefaultCount"/> distinct declarations from seed <see cref="DefaultSeed"/>; TRAINDSL_FUZZ_COUNT and
/// TRAINDSL_FUZZ_SEED run a longer or another slice. Declarations share compilations in batches for speed, each in its own
/// root namespace; a batch that fails is rerun one declaration at a time so each failure names its declaration.
/// </summary>
public sealed class GeneratorFuzzTests(ITestOutputHelper output)
{
    public const int DefaultCount = 10_000;
    public const int DefaultSeed = 15;
    private const int BatchSize = 50;

    [Fact]
    public async Task Fuzzed_declarations_never_break_the_generator_or_the_build()
    {
        var count = EnvironmentInt("TRAINDSL_FUZZ_COUNT") ?? DefaultCount;
        var seed = EnvironmentInt("TRAINDSL_FUZZ_SEED") ?? DefaultSeed;
        var stopwatch = Stopwatch.StartNew();

        var fuzzer = new DeclarationFuzzer(seed);
        var declarations = new List<FuzzedDeclaration>();
        var bodies = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; declarations.Count < count; i++)
        {
            var declaration = fuzzer.Next(i);
            if (bodies.Add(declaration.Body)) declarations.Add(declaration);
        }

        var batches = declarations.Where(d => d.NeedsOwnCompilation).Select(d => new[] { d })
            .Concat(declarations.Where(d => !d.NeedsOwnCompilation).Chunk(BatchSize))
            .ToList();
        var failures = new ConcurrentBag<string>();
        var tally = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (batch, _) =>
        {
            var result = await CheckAsync(batch);
            if (result.BatchFailure is not null || !result.Failures.IsEmpty)
            {
                if (batch.Length == 1)
                {
                    foreach (var failure in result.Failures.Select(f => f.Message).Append(result.BatchFailure).OfType<string>())
                        failures.Add(Describe(batch[0], failure));
                    return;
                }
                // Rerun alone, so each failure names its declaration.
                foreach (var declaration in batch)
                {
                    var alone = await CheckAsync([declaration]);
                    foreach (var failure in alone.Failures.Select(f => f.Message).Append(alone.BatchFailure).OfType<string>())
                        failures.Add(Describe(declaration, failure));
                }
            }
            foreach (var (key, n) in result.Tally) tally.AddOrUpdate(key, n, (_, m) => m + n);
        });

        var counts = string.Join(", ", tally.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Value + " " + t.Key));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fuzz: checked {declarations.Count} distinct declarations (seed {seed}) in {batches.Count} compilations, {stopwatch.Elapsed.TotalSeconds:F0} s: {counts}; {failures.Count} failures"));
        Assert.True(failures.IsEmpty, failures.Count + " failures; the first ones:\n\n" + string.Join("\n\n", failures.Take(8)));
        Assert.True(tally.GetValueOrDefault("generated") >= count / 10, "too few fuzzed declarations are valid to test the generated code");
    }

    private static string Describe(FuzzedDeclaration declaration, string failure)
        => declaration.FilePath + (declaration.Edit.Length > 0 ? " (" + declaration.Edit + ")" : "") + ": " + failure
           + "\n----\n" + declaration.Source + "\n----";

    private sealed record BatchResult(string? BatchFailure, ImmutableArray<(FuzzedDeclaration Declaration, string Message)> Failures, Dictionary<string, int> Tally);

    private static async Task<BatchResult> CheckAsync(IReadOnlyList<FuzzedDeclaration> batch)
    {
        var trees = batch
            .Select(d => CSharpSyntaxTree.ParseText(d.Source, TestCompilation.ParseOptions, path: d.FilePath))
            .Append(CSharpSyntaxTree.ParseText(TestReferences.GlobalUsings, TestCompilation.ParseOptions, path: "GlobalUsings.g.cs"));
        var input = CSharpCompilation.Create("Fuzz", trees, TestReferences.All,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        // The user's own diagnostics and the analyzer's, before anything is generated.
        var analyzerOptions = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null,
            concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
        var before = await input.WithAnalyzers([new RecipeAnalyzer()], analyzerOptions).GetAllDiagnosticsAsync();
        if (before.FirstOrDefault(d => d.Id == "AD0001") is { } analyzerThrew) return Failed("the analyzer threw: " + analyzerThrew.GetMessage(CultureInfo.InvariantCulture));

        GeneratorHarness run;
        try
        {
            run = GeneratorHarness.Run(input);
        }
        catch (Exception e)
        {
            return Failed("the generator driver threw " + e);
        }
        if (run.Result.Exception is { } exception) return Failed("the generator threw " + exception);
        if (run.Diagnostics.FirstOrDefault(d => d.Id is "CS8785" or "TD0031") is { } generatorFailed)
            return Failed("the generator failed: " + generatorFailed.GetMessage(CultureInfo.InvariantCulture));

        var generated = run.Result.GeneratedSources.Select(s => s.SyntaxTree).ToHashSet();
        var after = run.OutputCompilation.GetDiagnostics();
        if (after.FirstOrDefault(d => d.Id == "CS8785") is { } dropped) return Failed("the compiler dropped the generated files: " + dropped.GetMessage(CultureInfo.InvariantCulture));

        var failures = ImmutableArray.CreateBuilder<(FuzzedDeclaration, string)>();
        var tally = new Dictionary<string, int>(StringComparer.Ordinal);
        string? batchFailure = null;

        // Nothing inside a generated file, attributed by the file's header to the declaration it was generated from.
        foreach (var diagnostic in after.Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } t && generated.Contains(t)))
        {
            var header = diagnostic.Location.SourceTree!.GetRoot().GetLeadingTrivia().ToFullString();
            var owner = batch.FirstOrDefault(d => d.Namespace is not null && header.Contains(" " + d.Namespace.Split('.')[0] + ".", StringComparison.Ordinal))
                        ?? (batch.Count == 1 ? batch[0] : null);
            var message = "the generated file " + Path.GetFileName(diagnostic.Location.SourceTree!.FilePath) + " has " + diagnostic;
            if (owner is null) batchFailure ??= message;
            else failures.Add((owner, message));
        }

        var generatedHeaders = string.Join("\n", run.Result.GeneratedSources.Select(s => s.SourceText.Lines.Count > 1 ? s.SourceText.Lines[1].ToString() : ""));
        foreach (var declaration in batch)
        {
            bool InFile(Diagnostic d) => d.Location.GetLineSpan().Path == declaration.FilePath;
            var userBefore = before.Where(d => InFile(d) && d.Severity >= DiagnosticSeverity.Warning && !d.Id.StartsWith("TD", StringComparison.Ordinal)).ToList();
            var hasErrors = before.Concat(run.Diagnostics).Any(d => InFile(d) && d.Severity == DiagnosticSeverity.Error);

            // The generated code adds no warning or error to the user's file (a clash it would cause is TD0030 instead).
            foreach (var added in after.Where(d => InFile(d) && d.Severity >= DiagnosticSeverity.Warning
                                                   && !userBefore.Any(b => b.Id == d.Id && b.Location.SourceSpan == d.Location.SourceSpan)))
            {
                failures.Add((declaration, "the generated code adds " + added + " to the user's file"));
            }

            if (hasErrors)
            {
                Count(tally, "with errors");
                continue;
            }
            // Without an error, every [Experiment] class gets its generated file.
            var tree = run.OutputCompilation.SyntaxTrees.First(t => t.FilePath == declaration.FilePath);
            var model = run.OutputCompilation.GetSemanticModel(tree);
            var experiments = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>()
                .Select(c => model.GetDeclaredSymbol(c))
                .OfType<INamedTypeSymbol>()
                .Where(t => t.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "TrainDsl.ExperimentAttribute"))
                .ToList();
            foreach (var experiment in experiments)
            {
                var fullName = (experiment.ContainingNamespace.IsGlobalNamespace ? "" : experiment.ContainingNamespace.ToDisplayString() + ".") + experiment.Name;
                if (!generatedHeaders.Contains("attributes on " + fullName + ":", StringComparison.Ordinal))
                    failures.Add((declaration, "no TD or C# error, but nothing was generated for " + fullName));
            }
            Count(tally, experiments.Count > 0 ? "generated" : "without an experiment");
        }
        return new BatchResult(batchFailure, failures.ToImmutable(), tally);

        BatchResult Failed(string message) => new(message, [], []);
    }

    private static void Count(Dictionary<string, int> tally, string key) => tally[key] = tally.GetValueOrDefault(key) + 1;

    private static int? EnvironmentInt(string name)
        => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
