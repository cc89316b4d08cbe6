using System.Collections.Generic;

namespace TrainDsl.Generators.Diagnostics;

/// <summary>
/// TD0009: an option that belongs to another kind (Gamma on cross-entropy, Momentum on AdamW, ...) is ignored
/// by the generated code; say so instead of silently dropping it. Which kind takes which option is each part's
/// <see cref="PartOptions{TPart}"/>; options whose effect depends on more than the kind have rules in their slice
/// (<see cref="ScheduleOptionRule"/>, <see cref="MixingOptionRule"/>).
/// </summary>
internal static class IgnoredOptionRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.Data is { } data) DataPart.Options.CheckIgnored(data, diagnostics);
        if (declaration.Loss is { } loss) LossPart.Options.CheckIgnored(loss, diagnostics);
        if (declaration.Optimizer is { } optimizer) OptimizerPart.Options.CheckIgnored(optimizer, diagnostics);
        if (declaration.Schedule is { } schedule) SchedulePart.Options.CheckIgnored(schedule, diagnostics);
        foreach (var metric in declaration.Metrics) MetricPart.Options.CheckIgnored(metric, diagnostics);
        ScheduleOptionRule.Check(declaration, diagnostics);
        MixingOptionRule.Check(declaration, diagnostics);
    }
}
