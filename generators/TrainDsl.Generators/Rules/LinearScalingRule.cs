using System;
using System.Collections.Generic;
using TrainDsl.Generators.Emit;
using TrainDsl.Generators.Model;

namespace TrainDsl.Generators.Rules;

/// <summary>
/// The linear scaling rule (Goyal et al. 2017, §2.1): SGD's learning rate is 0.1 × batch / 256.
/// It supplies an omitted learning rate; TD0001 flags an explicit one that differs.
/// </summary>
internal static class LinearScalingRule
{
    public const string ExpectedLearningRateProperty = "ExpectedLearningRate";
    public const string BatchSizeProperty = "BatchSize";

    private const double RelativeTolerance = 1e-6;

    /// <summary>0.1 × B / 256, as one correctly rounded division so 128 gives exactly 0.05.</summary>
    public static double LearningRate(int batchSize) => batchSize / 2560.0;

    /// <summary>How the plan explains the rate: "linear scaling rule: 0.1 × 128 / 256".</summary>
    public static string Explain(int batchSize) => "linear scaling rule: 0.1 × " + CSharpLiteral.Int(batchSize) + " / 256";

    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        var optimizer = declaration.Optimizer;
        if (optimizer?.Optimizer?.Value != OptimizerKind.Sgd || optimizer.LearningRate is not { } lr) return;

        var batchSize = Defaults.BatchSizeOf(declaration);
        if (batchSize < 1 || !RangeRule.IsPositive(lr.Value)) return; // TD0004 reports those

        var expected = LearningRate(batchSize);
        if (Math.Abs(lr.Value - expected) <= RelativeTolerance * expected) return;

        var expectedText = CSharpLiteral.Double(expected);
        diagnostics.Add(new DiagnosticInfo(
            DiagnosticDescriptors.LinearScalingRule,
            lr.Location,
            new EquatableArray<string>(new[] { CSharpLiteral.Double(lr.Value), CSharpLiteral.Int(batchSize), expectedText }),
            new EquatableArray<DiagnosticProperty>(new[]
            {
                new DiagnosticProperty(ExpectedLearningRateProperty, expectedText),
                new DiagnosticProperty(BatchSizeProperty, CSharpLiteral.Int(batchSize)),
            })));
    }
}
