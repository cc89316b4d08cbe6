using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TrainDsl.Generators.Pipeline;

/// <summary>
/// Reports the recipe rules (<see cref="RecipeRules"/>) on every [Experiment] class. It parses the class
/// exactly as the generator does, so what it accepts is what the generator emits.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RecipeAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.LinearScalingRule,
        DiagnosticDescriptors.ExperimentNotPartial,
        DiagnosticDescriptors.RequiredPartMissing,
        DiagnosticDescriptors.ValueOutOfRange,
        DiagnosticDescriptors.InvalidModelType,
        DiagnosticDescriptors.DecayNeverHappens,
        DiagnosticDescriptors.MilestonesMissing,
        DiagnosticDescriptors.InvalidFactoryMethod,
        DiagnosticDescriptors.OptionIgnored,
        DiagnosticDescriptors.NesterovWithoutMomentum,
        DiagnosticDescriptors.UnsupportedExperimentClass,
        DiagnosticDescriptors.DuplicateMetric,
        DiagnosticDescriptors.AccuracyOnImbalancedData,
        DiagnosticDescriptors.ZeroGammaWithoutResidualNorms,
        DiagnosticDescriptors.NoBiasDecayWithoutWeightDecay,
        DiagnosticDescriptors.WarmupTooLong,
        DiagnosticDescriptors.WarmupStepsNeedPerStep,
        DiagnosticDescriptors.PlateauWithoutMetric,
        DiagnosticDescriptors.MonitorNotDeclared,
        DiagnosticDescriptors.TeacherIsSelf,
        DiagnosticDescriptors.InvalidTeacher,
        DiagnosticDescriptors.TeacherCheckpointMissing,
        DiagnosticDescriptors.IncompatibleParts,
        DiagnosticDescriptors.QuestionableCombination,
        DiagnosticDescriptors.Fp16OnCpu,
        DiagnosticDescriptors.InvalidDataSource,
        DiagnosticDescriptors.FocalAlphaClassCount,
        DiagnosticDescriptors.ImageSizeMissing,
        DiagnosticDescriptors.GeneratedNameClash,
        DiagnosticDescriptors.GeneratorFailed,
        DiagnosticDescriptors.AdamWithWeightDecay,
        DiagnosticDescriptors.LayerwiseWithoutNoBiasDecay,
        DiagnosticDescriptors.LowPrecisionEvalWithEma,
        DiagnosticDescriptors.AccumulationOfOneStep,
        DiagnosticDescriptors.SelectsOnTestSet,
        DiagnosticDescriptors.EarlyStoppingNeverStops,
        DiagnosticDescriptors.HiddenRecipeWord,
        DiagnosticDescriptors.EntryPointRunsNoExperiment,
        DiagnosticDescriptors.TopKNotBelowClassCount,
        DiagnosticDescriptors.BaseIsNotExperiment,
        DiagnosticDescriptors.SweepUnknownProperty);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            // Nothing to check in a compilation that cannot see the attribute.
            if (start.Compilation.GetTypeByMetadataName(MetadataNames.Experiment) is null) return;
            start.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
        });
    }

    /// <summary>Whether <paramref name="location"/> lies in one of <paramref name="type"/>'s own declarations.</summary>
    private static bool IsIn(INamedTypeSymbol type, LocationInfo? location)
        => location is not null && type.DeclaringSyntaxReferences.Any(r =>
            r.SyntaxTree.FilePath == location.FilePath && r.Span.Contains(location.Span));

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        if (context.Symbol is not INamedTypeSymbol type) return;
        try
        {
            var declaration = ExperimentParser.Parse(type, context.CancellationToken);
            if (declaration is null) return;
            var backend = context.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.TrainDslBackend", out var value)
                && string.Equals(value, "cuda", StringComparison.OrdinalIgnoreCase) ? Backend.Cuda : Backend.Cpu;
            var found = RecipeRules.Check(declaration, backend);
            if (declaration.Base is not { } @base)
            {
                foreach (var diagnostic in found) context.ReportDiagnostic(diagnostic.ToDiagnostic(context.Compilation));
                return;
            }
            // A derived experiment: what its base experiment reports already is the base's to fix, so it is not repeated
            // here. A finding about an inherited part that only this combination causes points at this class, with the
            // inherited part as its additional location.
            var reportedOnBase = new System.Collections.Generic.HashSet<DiagnosticInfo>(RecipeRules.Check(@base, backend));
            foreach (var diagnostic in found)
            {
                if (reportedOnBase.Contains(diagnostic)) continue;
                context.ReportDiagnostic(IsIn(type, diagnostic.Location)
                    ? diagnostic.ToDiagnostic(context.Compilation)
                    : Diagnostic.Create(
                        diagnostic.Descriptor,
                        declaration.Identifier?.ToLocation(context.Compilation) ?? Location.None,
                        diagnostic.Location is { } inherited ? new[] { inherited.ToLocation(context.Compilation) } : null,
                        diagnostic.MessageArgs.Cast<object>().ToArray()));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A recipe this analyzer cannot read gets compiler errors of its own; never crash the build.
        }
    }
}
