using System.Collections.Generic;
using System.Linq;

namespace TrainDsl.Generators.Parts.Schedule;

/// <summary>
/// TD0018: ReduceLROnPlateau needs a metric to watch: Monitor, or a metric marked Primary.
/// TD0019: the monitored metric must be one the evaluation computes (a declared one, or Loss).
/// </summary>
internal static class PlateauRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.Schedule is not { Schedule: { Value: ScheduleKind.Plateau } kind } schedule) return;

        if (schedule.Monitor is not { } monitor)
        {
            if (!declaration.Metrics.Any(m => m.Primary is { Value: true }))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PlateauWithoutMetric, kind.Location));
            return;
        }

        var declared = monitor.Value == MetricKind.Loss
            || declaration.Metrics.Any(m => m.Metric?.Value == monitor.Value)
            || declaration.Metrics.IsEmpty && monitor.Value == Defaults.Metric;
        if (!declared && System.Enum.IsDefined(typeof(MetricKind), monitor.Value))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MonitorNotDeclared, monitor.Location, monitor.Value.ToString()));
    }
}
