using System;
using System.Collections.Immutable;
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
        DiagnosticDescriptors.TopKNotBelowClassCount);

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

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        if (context.Symbol is not INamedTypeSymbol type) return;
        try
        {
            var declaration = ExperimentParser.Parse(type, context.CancellationToken);
            if (declaration is null) return;
            var backend = context.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.TrainDslBackend", out var value)
                && string.Equals(value, "cuda", StringComparison.OrdinalIgnoreCase) ? Backend.Cuda : Backend.Cpu;
            foreach (var diagnostic in RecipeRules.Check(declaration, backend))
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic(context.Compilation));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A recipe this analyzer cannot read gets compiler errors of its own; never crash the build.
        }
    }
}
