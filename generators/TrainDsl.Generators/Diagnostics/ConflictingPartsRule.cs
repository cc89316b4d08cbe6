using System.Collections.Generic;
using System.Linq;

namespace TrainDsl.Generators.Diagnostics;

/// <summary>
/// TD0023: parts that cannot both be honoured: WarmupEpochs and WarmupSteps both set the warmup; two metrics
/// cannot both select best.bin. (Focal loss composes with everything: it takes mixing's soft targets,
/// −Σ_c t_c (1 − p_c)^γ log p_c, and is distillation's label term when declared.)
/// </summary>
internal static class ConflictingPartsRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.Schedule is { WarmupEpochs: { Value: > 0 } , WarmupSteps: { Value: > 0 } steps })
        {
            Report(steps.Location, "WarmupSteps", "WarmupEpochs", "both set the warmup's length; keep one");
        }

        var primaries = declaration.Metrics.Where(m => m.Primary is { Value: true } && m.Metric is not null).ToList();
        for (var i = 1; i < primaries.Count; i++)
        {
            Report(primaries[i].Primary!.Location, "[Metric(" + primaries[i].Metric!.Value + ", Primary = true)]",
                "[Metric(" + primaries[0].Metric!.Value + ", Primary = true)]", "only one metric selects best.bin and the Plateau schedule; mark one");
        }

        void Report(LocationInfo? location, string part, string other, string why)
            => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IncompatibleParts, location, part, other, why));
    }
}
