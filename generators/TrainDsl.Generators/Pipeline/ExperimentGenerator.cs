using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TrainDsl.Generators.Pipeline;

/// <summary>
/// Emits each experiment's training code (an [Experiment] class, or a class deriving from one) and, in an executable without a Main, the entry point.
/// It reports only TD0026 (an option name the compiler cannot bind; <see cref="RecipeAnalyzer"/> reports the
/// rest) and never throws: a recipe it cannot read, or one with an error, produces no output, and an
/// unexpected failure is reported as TD0031 instead of failing the generator (which would drop every generated file).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ExperimentGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var declared = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                MetadataNames.Experiment,
                static (node, _) => node is ClassDeclarationSyntax,
                static (attributeContext, cancellationToken) =>
                    Parse(attributeContext.TargetSymbol, attributeContext.SemanticModel.Compilation, cancellationToken));

        // A class deriving from an experiment is one too, with or without [Experiment] of its own (those with it come above).
        var derived = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is ClassDeclarationSyntax { BaseList: not null },
                static (syntaxContext, cancellationToken) => ParseDerived(syntaxContext, cancellationToken))
            .Where(static declaration => declaration is not null);

        var declarations = declared.Collect()
            .Combine(derived.Collect())
            .SelectMany(static (both, _) => both.Left.AddRange(both.Right))
            .WithTrackingName(TrackingNames.Declarations);

        // TD0026 is the generator's to report: the compiler already fails on the unknown name (CS0246), and a
        // command-line build skips analyzers once there are compiler errors, so only the generator can say it.
        context.RegisterSourceOutput(declarations, static (output, declaration) =>
        {
            if (declaration is null) return;
            var found = new System.Collections.Generic.List<DiagnosticInfo>();
            try
            {
                UnknownOptionRule.Check(declaration, found);
                HiddenRecipeWordRule.Check(declaration, found);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return; // the compiler already reports the unbound name (CS0246)
            }
            foreach (var diagnostic in found) output.ReportDiagnostic(diagnostic.ToDiagnostic(compilation: null));
        });

        var experiments = declarations
            .Select(static (declaration, _) => declaration is null ? null : Resolve(declaration))
            .WithTrackingName(TrackingNames.Experiments);

        // Emitting is cached per experiment; the files are added together so their hint names can be made unique.
        var files = experiments
            .Select(static (experiment, _) => experiment is null ? null : Emit(experiment))
            .WithTrackingName(TrackingNames.Files);

        var entryPointExperiments = experiments
            .Select(static (experiment, _) => experiment?.FullyQualifiedName)
            .Collect()
            .Select(static (names, _) => names
                .Where(n => n is not null)
                .Select(n => n!)
                .Distinct()
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToEquatableArray())
            .WithTrackingName(TrackingNames.EntryPointExperiments);

        // A program whose only experiment has a recipe error still gets its Main, so the user sees the TD errors
        // alone and not CS5001 (no entry point) on top of them.
        var anyDeclared = declarations
            .Select(static (declaration, _) => declaration is not null)
            .Collect()
            .Select(static (found, _) => found.Any(d => d))
            .WithTrackingName(TrackingNames.AnyDeclared);

        var isExecutable = context.CompilationProvider
            .Select(static (compilation, _) =>
                compilation.Options.OutputKind == OutputKind.ConsoleApplication && compilation.Options.MainTypeName is null)
            .WithTrackingName(TrackingNames.IsExecutable);

        var ownEntryPoints = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => IsEntryPoint(node), static (syntax, _) => OwnEntryPoint.From(syntax.Node))
            .Collect()
            .WithTrackingName(TrackingNames.OwnEntryPoints);

        var hasOwnEntryPoint = ownEntryPoints
            .Select(static (found, _) => !found.IsEmpty)
            .WithTrackingName(TrackingNames.HasOwnEntryPoint);

        // TD0042: an entry point of the user's that names no experiment, such as the console template's leftover Program.cs,
        // takes the place of the generated command line and runs instead of the experiments.
        var experimentNames = declarations
            .Select(static (declaration, _) => declaration?.Name)
            .Collect()
            .Select(static (names, _) => names.Where(n => n is not null).Select(n => n!).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.ExperimentNames);
        context.RegisterSourceOutput(ownEntryPoints.Combine(experimentNames).Combine(isExecutable), static (output, input) =>
        {
            var ((entryPoints, names), executable) = input;
            if (!executable || names.IsEmpty || entryPoints.IsEmpty) return;
            if (OwnEntryPointRule.Check(entryPoints, names) is { } diagnostic) output.ReportDiagnostic(diagnostic.ToDiagnostic(compilation: null));
        });

        var entryPoint = entryPointExperiments
            .Combine(anyDeclared)
            .Combine(isExecutable)
            .Combine(hasOwnEntryPoint)
            .Select(static (input, _) =>
            {
                var (((names, declared), executable), ownEntryPoint) = input;
                return executable && !ownEntryPoint && declared ? names : (EquatableArray<string>?)null;
            })
            .WithTrackingName(TrackingNames.EntryPoint);

        context.RegisterSourceOutput(files.Collect().Combine(entryPoint), static (output, input) =>
        {
            var (experimentFiles, names) = input;
            try
            {
                // The entry point first, so it keeps its name whatever the experiments are called.
                var all = (names is { } experimentTypes
                        ? new[] { new GeneratedFile(EntryPointEmitter.HintName, EntryPointEmitter.Emit(experimentTypes)) }
                        : Array.Empty<GeneratedFile>())
                    // Partial declarations that each carry [Experiment] (CS0579) are one class: generate it once.
                    .Concat(experimentFiles.Where(f => f is not null).Select(f => f!).GroupBy(f => f.Name).Select(g => g.First()))
                    .ToList();
                var hintNames = HintNames.Assign(all.Select(f => f.Name));
                for (var i = 0; i < all.Count; i++) output.AddSource(hintNames[i], all[i].Source);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratorFailed, Location.None, e.GetType().Name + ": " + e.Message));
            }
        });
    }

    /// <summary>Top-level statements, or a static method named Main: the program has its own entry point.</summary>
    private static bool IsEntryPoint(SyntaxNode node)
        => node is GlobalStatementSyntax
           || node is MethodDeclarationSyntax { Identifier.ValueText: "Main" } method && method.Modifiers.Any(SyntaxKind.StaticKeyword);

    private static ExperimentDeclaration? Parse(ISymbol symbol, Compilation compilation, CancellationToken cancellationToken)
    {
        try
        {
            return symbol is INamedTypeSymbol type ? ExperimentParser.Parse(type, cancellationToken, compilation) : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null; // the analyzer reports what it can; a generator exception would only say "failed"
        }
    }

    /// <summary>
    /// A class without [Experiment] that derives from an experiment, read once: at its first declaration with a base list.
    /// </summary>
    private static ExperimentDeclaration? ParseDerived(GeneratorSyntaxContext syntaxContext, CancellationToken cancellationToken)
    {
        try
        {
            if (syntaxContext.SemanticModel.GetDeclaredSymbol(syntaxContext.Node, cancellationToken) is not INamedTypeSymbol type
                || type.BaseType is not { SpecialType: not SpecialType.System_Object } baseType
                || MetadataNames.IsExperiment(type))
            {
                return null;
            }
            var first = type.DeclaringSyntaxReferences
                .Select(r => r.GetSyntax(cancellationToken))
                .FirstOrDefault(s => s is ClassDeclarationSyntax { BaseList: not null });
            return first == syntaxContext.Node ? ExperimentParser.Parse(type, cancellationToken, syntaxContext.SemanticModel.Compilation) : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    private static ResolvedExperiment? Resolve(ExperimentDeclaration declaration)
    {
        try
        {
            return ExperimentResolver.Resolve(declaration);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    private static GeneratedFile? Emit(ResolvedExperiment experiment)
    {
        try
        {
            return new GeneratedFile(experiment.FullName, ExperimentEmitter.Emit(experiment));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }
}
