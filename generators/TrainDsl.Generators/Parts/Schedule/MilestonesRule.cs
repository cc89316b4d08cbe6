using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Schedule;

/// <summary>TD0007: MultiStepLR without milestones never decays, which is never what a MultiStep recipe means.</summary>
internal static class MilestonesRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        var schedule = declaration.Schedule;
        if (schedule?.Schedule is not { Value: ScheduleKind.MultiStep } kind) return;
        if (schedule.Milestones is { Value.Count: > 0 }) return;

        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MilestonesMissing, schedule.Milestones?.Location ?? kind.Location));
    }
}
