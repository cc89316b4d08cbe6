using System.Collections.Generic;
using System.Linq;

namespace TrainDsl.Generators.Parts.Metric;

/// <summary>
/// TD0013: a long tail of ratio ρ ≥ ClassBalance.Threshold with only accuracy-like metrics (accuracy,
/// top-k, weighted F1, the loss) hides how the rare classes fare; macro F1 or balanced accuracy show it.
/// The same advice the run prints (ClassBalance.AccuracyWarning), given before it runs.
/// </summary>
internal static class ImbalanceMetricRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.Data?.Imbalance is not { } imbalance || !(imbalance.Value >= Defaults.ImbalanceThreshold)) return;
        if (double.IsInfinity(imbalance.Value)) return; // TD0004
        if (declaration.Metrics.Any(m => m.Metric?.Value is MetricKind.MacroF1 or MetricKind.BalancedAccuracy)) return;

        var reported = declaration.Metrics.IsEmpty
            ? "accuracy"
            : string.Join(", ", declaration.Metrics.Where(m => m.Metric is not null).Select(m => m.Metric!.Value.ToString()).Distinct());
        diagnostics.Add(DiagnosticInfo.Create(
            DiagnosticDescriptors.AccuracyOnImbalancedData, imbalance.Location, CSharpLiteral.Double(imbalance.Value), reported));
    }
}
