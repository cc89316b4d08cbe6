using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Ema;

/// <summary>
/// TD0035: with [Ema] the epoch's evaluation runs the fp32 averaged copy, so [Amp(LowPrecisionEval = true)] has no
/// effect (a 16-bit copy of the average would lose the small steps the average is made of).
/// TD0009: WarmupPower shapes a warmup that WarmupSteps = 0 (the default) does not have.
/// </summary>
internal static class EmaRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.Ema is not { } ema) return;
        if (declaration.Amp?.LowPrecisionEval is { Value: true } lowPrecisionEval)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LowPrecisionEvalWithEma, lowPrecisionEval.Location ?? declaration.Amp.Attribute));
        if (ema.WarmupPower is { } power && (ema.WarmupSteps?.Value ?? Defaults.EmaWarmupSteps) == 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OptionIgnored, power.Location, "WarmupPower", "an [Ema] without WarmupSteps"));
    }
}
