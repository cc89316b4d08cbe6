using System.Collections.Generic;
using TrainDsl.Generators.Model;

namespace TrainDsl.Generators.Rules;

/// <summary>
/// TD0100: parts whose attributes exist but that the generated loop does not implement yet
/// (MixUp, CutMix, FMix, Amp, Distill, ZeroGamma, NoBiasDecay, Plateau, warmup) are named, never silently dropped.
/// </summary>
internal static class NotSupportedYetRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        foreach (var part in declaration.Unsupported)
        {
            Report("[" + part.Name + "]", part.Attribute);
        }

        if (declaration.Schedule is { } schedule)
        {
            if (schedule.Schedule is { Value: ScheduleKind.Plateau } plateau) Report("[Schedule(Plateau)]", plateau.Location);
            if (schedule.WarmupEpochs is { Value: > 0 } warmup) Report("WarmupEpochs", warmup.Location);
        }

        void Report(string what, LocationInfo? location)
            => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotSupportedYet, location, what));
    }
}
