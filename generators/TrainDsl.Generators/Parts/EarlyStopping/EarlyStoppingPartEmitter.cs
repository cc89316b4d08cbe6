using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.EarlyStopping;

/// <summary>
/// [EarlyStopping]: after each epoch's best.bin, the runtime's EarlyStopping watches the primary metric (of the
/// validation set when declared) and ends the run once it has not improved for Patience epochs; its counters are
/// restored on resume.
/// </summary>
internal sealed class EarlyStoppingPartEmitter(ResolvedExperiment experiment) : PartEmitter
{
    private ResolvedEarlyStopping? Stopping => experiment.EarlyStopping;

    private bool OnValidation => experiment.Validation is not null;

    /// <summary>The primary metric's metrics.csv column the rule watches, e.g. "val_accuracy".</summary>
    private string Column => MetricsPartEmitter.ColumnOf(experiment.Primary, OnValidation);

    public override IEnumerable<ConfigProperty> ConfigProperties
    {
        get
        {
            if (Stopping is not { } stopping) yield break;
            yield return ConfigProperty.Int("EarlyStoppingPatience", stopping.Patience,
                "Early stopping: epochs without improvement of " + Column + " before the run stops.", EarlyStoppingPart.Options.RangeOf("Patience"));
            yield return ConfigProperty.Double("EarlyStoppingMinDelta", stopping.MinDelta,
                "Early stopping: the least change of " + Column + " that counts as an improvement.", EarlyStoppingPart.Options.RangeOf("MinDelta"));
        }
    }

    public override void ContributePlan(PlanBuilder plan)
    {
        if (Stopping is null) return;
        plan.EarlyStopping.Text("after ").Hole("config.EarlyStoppingPatience").Text(" epochs without " + Column + " improving by more than ")
            .Hole("config.EarlyStoppingMinDelta");
    }

    public override void WriteSetup(SourceWriter writer)
    {
        if (Stopping is null) return;
        writer.Statement("var earlyStopping = new " + Qualified.EarlyStopping + "(", "config.EarlyStoppingPatience, config.EarlyStoppingMinDelta, maximize: "
            + CSharpLiteral.Bool(MetricsPartEmitter.Maximizes(experiment.Primary)) + ");");
    }

    public override IEnumerable<string> ResumableState => Stopping is null ? [] : ["earlyStopping"];

    public override void WriteEpochEnd(SourceWriter writer)
    {
        if (Stopping is null) return;
        writer.Line("session.StopEarlyIf(earlyStopping, epoch, " + CSharpLiteral.String(Column) + ", "
            + MetricsPartEmitter.SelectedVariable(OnValidation) + "." + MetricsPartEmitter.PropertyOf(experiment.Primary) + ");");
    }

    public override void ContributeExport(ExportBuilder export)
    {
        if (Stopping is not null) export.Tricks.Add("EarlyStopping");
    }
}
