using System;
using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Ablation;

/// <summary>
/// One declared trick an ablation can switch off: its name in the table, the Config override that switches it off at
/// run time, and the declaration without it (which the recipe rules check, so a variant they would reject is skipped).
/// </summary>
/// <param name="Name">As the table names it: "mixing", "label smoothing" (the --add rows are "+ " and the name).</param>
/// <param name="Without">The row of the recipe without it: "no mixing", "with bias decay".</param>
/// <param name="Off">The Config override, <c>Name=value</c>: <c>Mixing=false</c>, <c>WarmupEpochs=0</c>.</param>
internal sealed record Trick(string Name, string Without, string Off, Func<ExperimentDeclaration, ExperimentDeclaration> Remove)
{
    /// <summary>The tricks <paramref name="declaration"/> declares, in the order of the Bag of Tricks' discussion.</summary>
    public static IReadOnlyList<Trick> DeclaredIn(ExperimentDeclaration declaration)
    {
        var tricks = new List<Trick>();
        if (!declaration.MixMethods.IsEmpty)
            tricks.Add(new("mixing", "no mixing", Switches.Mixing + "=false", d => d with { MixMethods = EquatableArray<MixMethodPart>.Empty, Mixing = null }));
        if (declaration.Loss is { LabelSmoothing.Value: > 0 })
            tricks.Add(new("label smoothing", "no label smoothing", "LabelSmoothing=0", d => d with { Loss = d.Loss! with { LabelSmoothing = null } }));
        if (declaration.Distill is not null)
            tricks.Add(new("distillation", "no distillation", Switches.Distill + "=false", d => d with { Distill = null }));
        if (declaration.ZeroGamma is not null)
            tricks.Add(new("zero-γ", "no zero-γ", Switches.ZeroGamma + "=false", d => d with { ZeroGamma = null }));
        if (declaration.NoBiasDecay is not null)
            tricks.Add(new("no bias decay", "with bias decay", Switches.NoBiasDecay + "=false", d => d with { NoBiasDecay = null }));
        if (declaration.Schedule is { HasWarmup: true } schedule)
            tricks.Add(new("warmup", "no warmup", (schedule.WarmupSteps is { Value: > 0 } ? "WarmupSteps" : "WarmupEpochs") + "=0",
                d => d with { Schedule = d.Schedule! with { WarmupEpochs = null, WarmupSteps = null, WarmupStart = null } }));
        if (declaration.Amp is not null)
            tricks.Add(new("Amp", "fp32 (no Amp)", Switches.Amp + "=false", d => d with { Amp = null }));
        if (declaration.RandomCrop is not null || declaration.RandomResizedCrop is not null)
            tricks.Add(new("crop", "no crop", Switches.Crop + "=false", d => d with { RandomCrop = null, RandomResizedCrop = null }));
        if (declaration.HorizontalFlip is not null)
            tricks.Add(new("flip", "no flip", Switches.Flip + "=false", d => d with { HorizontalFlip = null }));
        return tricks;
    }
}
