using System.Collections.Generic;
using TrainDsl.Generators.Model;

namespace TrainDsl.Generators.Rules;

/// <summary>
/// TD0009: an option that belongs to another choice (Gamma on cross-entropy, Momentum on AdamW, ...)
/// is ignored by the generated code; say so instead of silently dropping it.
/// </summary>
internal static class IgnoredOptionRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.Loss is { Loss: { } loss } lossPart)
        {
            var on = "the " + loss.Value + " loss";
            if (loss.Value == LossKind.CrossEntropy)
            {
                Report("Gamma", lossPart.Gamma, on);
                Report("Alpha", lossPart.Alpha, on);
            }
            else if (loss.Value == LossKind.Focal)
            {
                Report("LabelSmoothing", lossPart.LabelSmoothing, on);
            }
        }

        if (declaration.Optimizer is { Optimizer: { } optimizer } optimizerPart)
        {
            var on = "the " + optimizer.Value + " optimizer";
            if (optimizer.Value == OptimizerKind.Sgd)
            {
                Report("Beta1", optimizerPart.Beta1, on);
                Report("Beta2", optimizerPart.Beta2, on);
                Report("Epsilon", optimizerPart.Epsilon, on);
            }
            else if (optimizer.Value == OptimizerKind.AdamW)
            {
                Report("Momentum", optimizerPart.Momentum, on);
                Report("Nesterov", optimizerPart.Nesterov, on);
            }
        }

        if (declaration.Schedule is { Schedule: { } schedule } schedulePart)
        {
            var on = "the " + schedule.Value + " schedule";
            var kind = schedule.Value;
            var warmup = schedulePart.WarmupEpochs is { Value: > 0 } || schedulePart.WarmupSteps is { Value: > 0 };
            if (kind == ScheduleKind.Plateau || kind == ScheduleKind.Constant && !warmup) Report("Interval", schedulePart.Interval, on);
            if (kind != ScheduleKind.Step) Report("StepSize", schedulePart.StepSize, on);
            if (kind != ScheduleKind.Step && kind != ScheduleKind.MultiStep) Report("Gamma", schedulePart.Gamma, on);
            if (kind != ScheduleKind.MultiStep) Report("Milestones", schedulePart.Milestones, on);
            if (kind != ScheduleKind.Cosine) Report("Period", schedulePart.Period, on);
            if (kind != ScheduleKind.Cosine && kind != ScheduleKind.Plateau) Report("MinLr", schedulePart.MinLr, on);
            if (kind != ScheduleKind.Plateau)
            {
                Report("Monitor", schedulePart.Monitor, on);
                Report("Factor", schedulePart.Factor, on);
                Report("Patience", schedulePart.Patience, on);
                Report("Threshold", schedulePart.Threshold, on);
                Report("Cooldown", schedulePart.Cooldown, on);
            }
            if (!warmup) Report("WarmupStart", schedulePart.WarmupStart, "a schedule without WarmupEpochs or WarmupSteps");
        }

        foreach (var metric in declaration.Metrics)
        {
            if (metric.Metric is { } kind && kind.Value != MetricKind.TopK)
                Report("K", metric.K, "the " + kind.Value + " metric");
        }

        if (declaration.Mixing is { } mixing)
        {
            if (declaration.MixMethods.IsEmpty)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OptionIgnored, mixing.Attribute, "[Mixing]", "a recipe without [MixUp], [CutMix] or [FMix]"));
            else if (declaration.MixMethods.Count == 1)
                Report("SwitchProbability", mixing.SwitchProbability, "a single mixing method");
        }

        void Report<T>(string option, Argument<T>? argument, string on)
        {
            if (argument is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OptionIgnored, argument.Location, option, on));
        }
    }
}
