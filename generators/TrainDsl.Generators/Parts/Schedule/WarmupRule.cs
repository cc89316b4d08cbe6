using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Schedule;

/// <summary>
/// TD0016: a warmup of at least the whole run never reaches the base rate. TD0017: WarmupSteps needs
/// a schedule read every step (Plateau changes the rate once per epoch, so it takes WarmupEpochs).
/// </summary>
internal static class WarmupRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        var schedule = declaration.Schedule;
        if (schedule is null) return;

        var epochs = declaration.Experiment.EpochsOrDefault;
        if (schedule.WarmupEpochs is { Value: > 0 } warmup && epochs >= 1 && warmup.Value >= epochs)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.WarmupTooLong, warmup.Location, CSharpLiteral.Int(warmup.Value), CSharpLiteral.Int(epochs)));
        }

        if (schedule.WarmupSteps is { Value: > 0 } steps)
        {
            if (schedule.Schedule?.Value == ScheduleKind.Plateau)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WarmupStepsNeedPerStep, steps.Location,
                    "the Plateau schedule changes the rate once per epoch", "use WarmupEpochs"));
            }
            else if ((schedule.Interval?.Value ?? Defaults.Interval) == ScheduleInterval.PerEpoch)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WarmupStepsNeedPerStep, steps.Location,
                    "the schedule reads the rate once per epoch", "set Interval = PerStep, or use WarmupEpochs"));
            }
        }
    }
}
