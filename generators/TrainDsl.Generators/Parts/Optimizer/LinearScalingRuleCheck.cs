using System;
using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Optimizer;

/// <summary>
/// TD0001: an SGD or LARS learning rate written off the <see cref="LinearScalingRule"/> at the declared batch, which with
/// [GradientAccumulation] is the effective batch BatchSize × Steps.
/// </summary>
internal static class LinearScalingRuleCheck
{
    public const string ExpectedLearningRateProperty = "ExpectedLearningRate";
    /// <summary>The batch as the fix's title writes it: "512", or "128 × 4" with [GradientAccumulation].</summary>
    public const string BatchSizeProperty = "BatchSize";

    private const double RelativeTolerance = 1e-6;

    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        var optimizer = declaration.Optimizer;
        if (optimizer?.Optimizer is not { } kind || !LinearScalingRule.AppliesTo(kind.Value) || optimizer.LearningRate is not { } lr) return;

        var batchSize = declaration.Experiment.BatchSizeOrDefault;
        var steps = declaration.GradientAccumulation?.StepsOrDefault ?? 1;
        if (batchSize < 1 || steps < 1 || !ValueRanges.Contains(ConfigCheck.Positive, lr.Value)) return; // TD0004 reports those

        var expected = LinearScalingRule.LearningRate(batchSize, steps);
        var batch = LinearScalingRule.Batch(batchSize, steps);
        if (Math.Abs(lr.Value - expected) <= RelativeTolerance * expected) return;

        var expectedText = CSharpLiteral.Double(expected);
        diagnostics.Add(new DiagnosticInfo(
            DiagnosticDescriptors.LinearScalingRule,
            lr.Location,
            new EquatableArray<string>(new[] { CSharpLiteral.Double(lr.Value), batch, expectedText }),
            new EquatableArray<DiagnosticProperty>(new[]
            {
                new DiagnosticProperty(ExpectedLearningRateProperty, expectedText),
                new DiagnosticProperty(BatchSizeProperty, batch),
            })));
    }
}
