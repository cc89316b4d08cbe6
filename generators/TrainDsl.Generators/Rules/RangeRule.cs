using System;
using System.Collections.Generic;
using TrainDsl.Generators.Emit;
using TrainDsl.Generators.Model;

namespace TrainDsl.Generators.Rules;

/// <summary>
/// TD0004: every written value must lie in its valid range (PyTorch's, or the paper's); NaN and
/// infinities never do. Defaults are always in range, so only written values are checked.
/// </summary>
internal static class RangeRule
{
    public static bool IsPositive(double value) => value > 0 && !double.IsInfinity(value);

    private static bool IsNonNegative(double value) => value >= 0 && !double.IsInfinity(value);

    private static bool IsFraction(double value) => value >= 0 && value < 1; // [0, 1); false for NaN

    private static bool IsProbability(double value) => value >= 0 && value <= 1; // [0, 1]

    private static bool IsStartFactor(double value) => value > 0 && value <= 1; // (0, 1]

    private static bool IsFactor(double value) => value > 0 && value < 1; // (0, 1)

    private static bool IsRatio(double value) => value >= 1 && !double.IsInfinity(value);

    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        var experiment = declaration.Experiment;
        Int("Epochs", experiment.Epochs, 1);
        Int("BatchSize", experiment.BatchSize, 1);

        if (declaration.Data is { } data)
        {
            Enum("Dataset", data.Dataset);
            Int("TrainLimit", data.TrainLimit, 0);
            Int("TestLimit", data.TestLimit, 0);
            Real("Imbalance", data.Imbalance, IsRatio, "a value ≥ 1 (1 keeps the classes balanced)");
        }

        if (declaration.Model is { BuiltIn: { } builtIn })
        {
            Enum("Model", builtIn);
        }

        if (declaration.Loss is { } loss)
        {
            Enum("Loss", loss.Loss);
            Real("Gamma", loss.Gamma, IsNonNegative, "a value ≥ 0");
            Real("LabelSmoothing", loss.LabelSmoothing, IsFraction, "a value in [0, 1)");
            if (loss.Alpha is { } alpha)
            {
                for (var i = 0; i < alpha.Value.Count; i++)
                {
                    if (!IsPositive(alpha.Value[i]))
                        Report("Alpha[" + CSharpLiteral.Int(i) + "]", CSharpLiteral.Double(alpha.Value[i]), "values > 0", alpha.Location);
                }
            }
        }

        if (declaration.Optimizer is { } optimizer)
        {
            Enum("Optimizer", optimizer.Optimizer);
            Real("LearningRate", optimizer.LearningRate, IsPositive, "a value > 0");
            Real("Momentum", optimizer.Momentum, IsFraction, "a value in [0, 1)");
            Real("WeightDecay", optimizer.WeightDecay, IsNonNegative, "a value ≥ 0");
            Real("Beta1", optimizer.Beta1, IsFraction, "a value in [0, 1)");
            Real("Beta2", optimizer.Beta2, IsFraction, "a value in [0, 1)");
            Real("Epsilon", optimizer.Epsilon, IsPositive, "a value > 0");
        }

        if (declaration.Schedule is { } schedule)
        {
            Enum("Schedule", schedule.Schedule);
            Enum("Interval", schedule.Interval);
            Int("StepSize", schedule.StepSize, 1);
            Real("Gamma", schedule.Gamma, IsPositive, "a value > 0");
            Real("MinLr", schedule.MinLr, IsNonNegative, "a value ≥ 0");
            Int("Period", schedule.Period, 0);
            Int("WarmupEpochs", schedule.WarmupEpochs, 0);
            Int("WarmupSteps", schedule.WarmupSteps, 0);
            Real("WarmupStart", schedule.WarmupStart, IsStartFactor, "a value in (0, 1]");
            Enum("Monitor", schedule.Monitor);
            Real("Factor", schedule.Factor, IsFactor, "a value in (0, 1)");
            Int("Patience", schedule.Patience, 0);
            Real("Threshold", schedule.Threshold, IsNonNegative, "a value ≥ 0");
            Int("Cooldown", schedule.Cooldown, 0);
            if (schedule.Milestones is { } milestones)
            {
                for (var i = 0; i < milestones.Value.Count; i++)
                {
                    if (milestones.Value[i] < 1)
                        Report("Milestones[" + CSharpLiteral.Int(i) + "]", CSharpLiteral.Int(milestones.Value[i]), "values ≥ 1", milestones.Location);
                }
            }
        }

        foreach (var metric in declaration.Metrics)
        {
            Enum("Metric", metric.Metric);
            Int("K", metric.K, 1);
        }

        if (declaration.RandomCrop is { } crop) Int("Padding", crop.Padding, 1);
        if (declaration.HorizontalFlip is { } flip) Real("Probability", flip.Probability, IsProbability, "a value in [0, 1]");

        foreach (var method in declaration.MixMethods)
        {
            Real("Alpha", method.Alpha, IsPositive, "a value > 0");
            Real("DecayPower", method.DecayPower, IsPositive, "a value > 0");
        }
        if (declaration.Mixing is { } mixing)
        {
            Real("Probability", mixing.Probability, IsProbability, "a value in [0, 1]");
            Real("SwitchProbability", mixing.SwitchProbability, IsProbability, "a value in [0, 1]");
        }

        if (declaration.Distill is { } distill)
        {
            Real("Temperature", distill.Temperature, IsPositive, "a value > 0");
            Real("Alpha", distill.Alpha, IsProbability, "a value in [0, 1]");
        }

        void Int(string name, Argument<int>? argument, int minimum)
        {
            if (argument is not null && argument.Value < minimum)
                Report(name, CSharpLiteral.Int(argument.Value), "a value ≥ " + CSharpLiteral.Int(minimum), argument.Location);
        }

        void Real(string name, Argument<double>? argument, Func<double, bool> isValid, string range)
        {
            if (argument is not null && !isValid(argument.Value))
                Report(name, CSharpLiteral.Double(argument.Value), range, argument.Location);
        }

        void Enum<T>(string name, Argument<T>? argument) where T : struct, Enum
        {
            if (argument is not null && !System.Enum.IsDefined(typeof(T), argument.Value))
                Report(name, Convert.ToInt32(argument.Value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "one of " + string.Join(", ", System.Enum.GetNames(typeof(T))), argument.Location);
        }

        void Report(string name, string value, string range, LocationInfo? location)
            => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ValueOutOfRange, location, name, value, range));
    }
}
