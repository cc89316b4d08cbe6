using System.Collections.Generic;

namespace TrainDsl.Generators.Emit;

/// <summary>What the parts put into the generated <c>Plan</c> method; <see cref="PlanEmitter"/> writes it.</summary>
internal sealed class PlanBuilder
{
    /// <summary>Statements before <c>return new RecipePlan</c> that compute <c>trainSize</c> (and what else the plan needs).</summary>
    public List<string> TrainSize { get; } = new();

    public PlanText Dataset { get; } = new();

    /// <summary>The expression naming where the images come from and their split; null leaves it out.</summary>
    public string? DataSource { get; set; }

    /// <summary>The expression listing the class names before loading; null leaves them out.</summary>
    public string? ClassNames { get; set; }

    public PlanText Model { get; } = new();

    public PlanText Loss { get; } = new();

    public PlanText Optimizer { get; } = new();

    public PlanText Schedule { get; } = new();

    /// <summary>The expression of the validation set's size; null when none is declared.</summary>
    public string? ValidationSize { get; set; }

    /// <summary>Early stopping as the plan says it; empty when not declared.</summary>
    public PlanText EarlyStopping { get; } = new();

    /// <summary>The metric columns, test_loss first (val_ then test_ columns with a validation set).</summary>
    public List<string> Metrics { get; } = new() { "test_loss" };

    /// <summary>The metrics.csv column of the metric that selects best.bin.</summary>
    public string PrimaryMetric { get; set; } = "test_loss";

    /// <summary>The lines of <c>LearningRates = ...</c>, the first one after the <c>=</c>.</summary>
    public List<string> LearningRates { get; } = new();

    /// <summary>Elements of the Notes collection: string literals, or spreads (<c>.. Expression</c>).</summary>
    public List<string> Notes { get; } = new();
}
