using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Schedule;

/// <summary>
/// TD0006: a per-epoch schedule sees epochs t = 0 … Epochs − 1, so a MultiStep milestone ≥ Epochs
/// or a StepLR step size ≥ Epochs never lowers the rate. Per-step schedules count steps, whose number
/// depends on the data, so they are not checked.
/// </summary>
internal static class DecayNeverHappensRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        var schedule = declaration.Schedule;
        if (schedule?.Schedule is not { } kind) return;
        if ((schedule.Interval?.Value ?? Defaults.Interval) != ScheduleInterval.PerEpoch) return;

        var epochs = declaration.Experiment.EpochsOrDefault;
        if (epochs < 1) return; // TD0004

        if (kind.Value == ScheduleKind.Step)
        {
            var stepSize = schedule.StepSize?.Value ?? Defaults.StepSize;
            if (stepSize >= epochs && stepSize >= 1)
                Report("StepSize", stepSize, schedule.StepSize?.Location ?? kind.Location);
        }
        else if (kind.Value == ScheduleKind.MultiStep && schedule.Milestones is { } milestones)
        {
            foreach (var milestone in milestones.Value)
            {
                if (milestone >= epochs) Report("Milestone", milestone, milestones.Location);
            }
        }

        void Report(string what, int value, LocationInfo? location)
            => diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.DecayNeverHappens, location, what, CSharpLiteral.Int(value), CSharpLiteral.Int(epochs)));
    }
}
