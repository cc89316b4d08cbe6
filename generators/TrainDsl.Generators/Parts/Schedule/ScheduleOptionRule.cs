using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Schedule;

/// <summary>
/// TD0009 for the two schedule options whose effect depends on more than the kind: Interval does nothing for
/// Plateau (stepped per epoch by its metric) or for a constant rate without a warmup; WarmupStart does nothing
/// without a warmup.
/// </summary>
internal static class ScheduleOptionRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.Schedule is not { Schedule: { } kind } schedule) return;
        var on = "the " + kind.Value + " schedule";
        if (kind.Value == ScheduleKind.Plateau || kind.Value == ScheduleKind.Constant && !schedule.HasWarmup)
            Report(nameof(SchedulePart.Interval), schedule.Interval, on);
        if (!schedule.HasWarmup)
            Report(nameof(SchedulePart.WarmupStart), schedule.WarmupStart, "a schedule without WarmupEpochs or WarmupSteps");

        void Report(string option, IArgument? written, string what)
        {
            if (written is not null) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OptionIgnored, written.Location, option, what));
        }
    }
}
