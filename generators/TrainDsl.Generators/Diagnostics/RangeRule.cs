using System.Collections.Generic;

namespace TrainDsl.Generators.Diagnostics;

/// <summary>
/// TD0004: every written value must lie in its valid range (PyTorch's, or the paper's), and every written kind
/// must be one the enum defines; NaN and infinities never are in range. Each part's <see cref="PartOptions{TPart}"/>
/// says what its ranges are; defaults are always in range, so only written values are checked.
/// </summary>
internal static class RangeRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        ExperimentPart.Options.CheckRanges(declaration.Experiment, diagnostics);
        if (declaration.Data is { } data) DataPart.Options.CheckRanges(data, diagnostics);
        if (declaration.Model is { } model) ModelPart.Options.CheckRanges(model, diagnostics);
        if (declaration.Loss is { } loss) LossPart.Options.CheckRanges(loss, diagnostics);
        if (declaration.Optimizer is { } optimizer) OptimizerPart.Options.CheckRanges(optimizer, diagnostics);
        if (declaration.Schedule is { } schedule) SchedulePart.Options.CheckRanges(schedule, diagnostics);
        foreach (var metric in declaration.Metrics) MetricPart.Options.CheckRanges(metric, diagnostics);
        if (declaration.RandomCrop is { } crop) RandomCropPart.Options.CheckRanges(crop, diagnostics);
        if (declaration.RandomResizedCrop is { } resizedCrop)
        {
            RandomResizedCropPart.Options.CheckRanges(resizedCrop, diagnostics);
            resizedCrop.CheckOrder(diagnostics);
        }
        if (declaration.HorizontalFlip is { } flip) HorizontalFlipPart.Options.CheckRanges(flip, diagnostics);
        foreach (var method in declaration.MixMethods) MixMethodPart.Options.CheckRanges(method, diagnostics);
        if (declaration.Mixing is { } mixing) MixingPart.Options.CheckRanges(mixing, diagnostics);
        if (declaration.Distill is { } distill) DistillPart.Options.CheckRanges(distill, diagnostics);
        if (declaration.Amp is { } amp) AmpPart.Options.CheckRanges(amp, diagnostics);
        if (declaration.Ema is { } ema) EmaPart.Options.CheckRanges(ema, diagnostics);
        if (declaration.GradientAccumulation is { } accumulation) GradientAccumulationPart.Options.CheckRanges(accumulation, diagnostics);
        if (declaration.EarlyStopping is { } stopping) EarlyStoppingPart.Options.CheckRanges(stopping, diagnostics);
        if (declaration.ClipGradNorm is { } clip) ClipGradNormPart.Options.CheckRanges(clip, diagnostics);
    }
}
