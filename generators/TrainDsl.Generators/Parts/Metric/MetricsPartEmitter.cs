using System;
using System.Collections.Generic;
using System.Linq;

namespace TrainDsl.Generators.Parts.Metric;

/// <summary>
/// [Metric]s: the typed Metrics record, the Evaluate method that computes it (and fills a confusion
/// matrix), best.bin by the primary metric after each epoch, the final per-class report, and the
/// class-balance advice when only accuracy-like metrics are declared.
/// </summary>
internal sealed class MetricsPartEmitter(ResolvedExperiment experiment) : PartEmitter
{
    /// <summary>How one metric appears in the generated code.</summary>
    /// <param name="Property">Its Metrics record property.</param>
    /// <param name="Column">Its metrics.csv column without a validation set.</param>
    /// <param name="Name">Its column after the split's prefix with a validation set: val_&lt;Name&gt;, test_&lt;Name&gt;.</param>
    /// <param name="Variable">The accumulator Evaluate updates per batch; null when it comes from the confusion matrix.</param>
    /// <param name="Value">The expression Evaluate returns for it.</param>
    private sealed record MetricCode(string Property, string Column, string Doc, string Phrase, string? Variable, string Value)
    {
        public string Name => Column == LossColumn ? "loss" : Column;
    }

    private const string LossColumn = "test_loss";

    private const string ConfusionVariable = "confusion";

    private List<MetricCode> Codes { get; } = experiment.Metrics.Select(CodeOf).ToList();

    private static MetricCode CodeOf(ResolvedMetric metric)
    {
        switch (metric.Kind)
        {
            case MetricKind.TopK:
                var k = CSharpLiteral.Int(metric.K);
                return new("Top" + k, "top" + k, "Top-" + k + " accuracy.", "top-" + k + " accuracy", "top" + k, "top" + k + ".Compute()");
            case MetricKind.MacroF1:
                return new("MacroF1", "macro_f1", "F1 averaged over the classes with equal weight.", "macro F1", null, ConfusionVariable + ".MacroF1");
            case MetricKind.WeightedF1:
                return new("WeightedF1", "weighted_f1", "F1 averaged over the classes weighted by their test-set counts.", "weighted F1", null, ConfusionVariable + ".WeightedF1");
            case MetricKind.BalancedAccuracy:
                return new("BalancedAccuracy", "balanced_accuracy", "Recall averaged over the classes.", "balanced accuracy", null, ConfusionVariable + ".BalancedAccuracy");
            case MetricKind.Loss:
                return new("Loss", LossColumn, "Mean cross-entropy on the evaluated set.", "loss", null, "lossSum / count");
            default:
                return new("Accuracy", "accuracy", "Top-1 accuracy.", "accuracy", "accuracy", "accuracy.Compute()");
        }
    }

    /// <summary>The Metrics property of a metric: "Accuracy", "Top5", "Loss", ...</summary>
    public static string PropertyOf(ResolvedMetric metric) => CodeOf(metric).Property;

    /// <summary>
    /// The metrics.csv column that selection reads for a metric: with a validation set "val_accuracy", "val_loss", ...;
    /// without one the test metric's own column, "accuracy", "top5", "test_loss", ...
    /// </summary>
    public static string ColumnOf(ResolvedMetric metric, bool validation) => validation ? "val_" + CodeOf(metric).Name : CodeOf(metric).Column;

    /// <summary>The Train variable holding the metrics that select: the validation set's when declared, else the test set's.</summary>
    public static string SelectedVariable(bool validation) => validation ? "validationMetrics" : "metrics";

    private bool HasValidation => experiment.Validation is not null;

    /// <summary>The call that turns test metrics into metrics.csv columns: prefixed test_ when a validation set is declared.</summary>
    public string TestColumns => HasValidation ? "ToColumns(\"test\")" : "ToColumns()";

    /// <summary>The metric in prose: "accuracy", "macro F1", "loss".</summary>
    public static string Describe(ResolvedMetric metric) => CodeOf(metric).Phrase;

    /// <summary>Every metric improves upwards except the loss.</summary>
    public static bool Maximizes(ResolvedMetric metric) => metric.Kind != MetricKind.Loss;

    /// <summary>
    /// True when the training set may be imbalanced and no declared metric weighs the classes equally, so the run
    /// checks the set's balance and advises macro F1 or balanced accuracy when it is (ClassBalance.AccuracyWarning).
    /// </summary>
    public static bool AdvisesOnClassBalance(ResolvedExperiment experiment)
        => DataPartEmitter.MayBeImbalanced(experiment)
           && !experiment.Metrics.Any(m => m.Kind is MetricKind.MacroF1 or MetricKind.BalancedAccuracy);

    /// <summary>The metrics in the Train summary: "accuracy and top-5 accuracy"; the test loss when only it is declared.</summary>
    public string Phrase
    {
        get
        {
            var phrases = Codes.Select(c => c.Phrase).ToList();
            return phrases.Count == 0 ? "the test loss"
                : phrases.Count == 1 ? phrases[0]
                : string.Join(", ", phrases.Take(phrases.Count - 1)) + " and " + phrases[phrases.Count - 1];
        }
    }

    public override void ContributePlan(PlanBuilder plan)
    {
        plan.PrimaryMetric = ColumnOf(experiment.Primary, HasValidation);
        if (!HasValidation)
        {
            plan.Metrics.AddRange(Codes.Select(c => c.Column));
            return;
        }
        plan.Metrics.Clear();
        foreach (var split in new[] { "val_", "test_" })
        {
            plan.Metrics.Add(split + "loss");
            plan.Metrics.AddRange(Codes.Select(c => split + c.Name));
        }
    }

    /// <summary>Train, after the loaders: notes the class-balance advice when only accuracy-like metrics are declared.</summary>
    public void WriteDataChecks(SourceWriter writer)
    {
        if (!AdvisesOnClassBalance(experiment)) return;
        writer.Line("// Accuracy alone hides how the rare classes of an imbalanced training set fare.");
        writer.Line("foreach (var note in ClassBalanceNotes(data.Train.ClassCounts())) session.Note(note);");
    }

    public override void WriteSetup(SourceWriter writer)
        => writer.Line("using var " + ConfusionVariable + " = new " + Qualified.ConfusionMatrix + "(data.Test.Classes, data.Test.ClassNames);");

    /// <summary>
    /// Train, after the epoch's steps: evaluates the validation set (when declared), then the test set, so the confusion
    /// matrix ends the run holding the test set's; records the test metrics and writes the epoch's metrics.csv row.
    /// </summary>
    public void WriteEpochEvaluation(SourceWriter writer, string model)
    {
        if (HasValidation)
        {
            writer.Line("// The validation set selects (best.bin, the schedule, early stopping); the test set is only reported.");
            writer.Line("var validationMetrics = Evaluate(" + model + ", validation, " + ConfusionVariable + ");");
        }
        writer.Line("var metrics = Evaluate(" + model + ", test, " + ConfusionVariable + ");");
        writer.Line("history.Add(metrics);");
        writer.Line(HasValidation
            ? "session.EpochDone(epoch, [.. validationMetrics.ToColumns(\"val\"), .. metrics.ToColumns(\"test\")]);"
            : "session.EpochDone(epoch, metrics.ToColumns());");
    }

    /// <summary>
    /// Train, after the loop: a run resumed with every epoch trained (it stopped before saving model.bin) evaluates the
    /// restored weights once, so the confusion matrix it reports is the final epoch's.
    /// </summary>
    public void WriteFinishingEvaluation(SourceWriter writer, string model)
    {
        writer.Line("// Resumed after its last epoch, stopped before model.bin: the final weights' confusion matrix.");
        writer.Line("if (firstEpoch >= config.Epochs) Evaluate(" + model + ", test, " + ConfusionVariable + ");");
    }

    public override void WriteEpochEnd(SourceWriter writer)
        => writer.Line("session.SaveIfBest(" + (experiment.Ema is null ? "model" : "ema.Module") + ", " + SelectedVariable(HasValidation) + "."
            + PropertyOf(experiment.Primary) + ", maximize: " + CSharpLiteral.Bool(Maximizes(experiment.Primary)) + ");");

    public override void WriteTrainEnd(SourceWriter writer)
        => writer.Line("session.ReportConfusion(" + ConfusionVariable + ");");

    /// <summary>Evaluate(checkpoint): the call of Evaluate(model, ...) on the loaded weights.</summary>
    public void WriteCheckpointEvaluate(SourceWriter writer, string model)
    {
        writer.Line("using var " + ConfusionVariable + " = new " + Qualified.ConfusionMatrix + "(data.Test.Classes, data.Test.ClassNames);");
        writer.Line("var test = new " + Qualified.BatchLoader + "(data.Test, EvalBatchSize, shuffle: false, dropLast: false);");
        writer.Line("return Evaluate(" + model + ", test, " + ConfusionVariable + ");");
    }

    /// <summary>The Metrics record: the loss, then each declared metric.</summary>
    public void WriteRecord(SourceWriter writer)
    {
        writer.Line(HasValidation ? "/// <summary>The metrics of one evaluated set (validation or test) after an epoch.</summary>"
            : "/// <summary>Test-set metrics after an epoch.</summary>");
        writer.Line(HasValidation ? "/// <param name=\"Loss\">Mean cross-entropy on the evaluated set.</param>"
            : "/// <param name=\"Loss\">Mean cross-entropy on the test set.</param>");
        foreach (var code in Codes)
        {
            writer.Line("/// <param name=\"" + code.Property + "\">" + code.Doc + "</param>");
        }
        writer.Line("public " + experiment.Hides + "sealed record Metrics(" + string.Join(", ", new[] { "double Loss" }.Concat(Codes.Select(c => "double " + c.Property))) + ")");
        writer.OpenBrace();
        if (HasValidation)
        {
            writer.Line("/// <summary>The metrics by name, in declaration order, after the set's prefix: <paramref name=\"split\"/>_loss, ...</summary>");
            writer.Signature("public " + Qualified.ListOf(Qualified.KeyValuePair + "<string, double>"), "ToColumns", "string split", " =>");
        }
        else
        {
            writer.Line("/// <summary>The metrics by name, in declaration order (the columns of metrics.csv).</summary>");
            writer.Signature("public " + Qualified.ListOf(Qualified.KeyValuePair + "<string, double>"), "ToColumns", "", " =>");
        }
        writer.Line("[");
        writer.Indent();
        writer.Line(HasValidation ? "new(split + \"_loss\", Loss)," : "new(\"test_loss\", Loss),");
        foreach (var code in Codes)
        {
            writer.Line("new(" + (HasValidation ? "split + " + CSharpLiteral.String("_" + code.Name) : CSharpLiteral.String(code.Column)) + ", " + code.Property + "),");
        }
        writer.Unindent();
        writer.Line("];");
        writer.CloseBrace();
    }

    /// <summary>Evaluate(model, test, confusion): every metric in one pass over the test set.</summary>
    public void WriteEvaluate(SourceWriter writer)
    {
        writer.Line("/// <summary>");
        writer.Line("/// Metrics of <paramref name=\"model\"/> on the set <paramref name=\"loader\"/> reads (test or validation), in eval mode and");
        writer.Line("/// without gradients. <paramref name=\"confusion\"/> is cleared, then counts this evaluation's predictions (per-class report).");
        writer.Line("/// </summary>");
        writer.Signature("public static " + experiment.Hides + "Metrics", "Evaluate",
            Qualified.Module + " model, " + Qualified.BatchLoader + " loader, " + Qualified.ConfusionMatrix + " confusion");
        writer.OpenBrace();
        writer.Line("model.eval();");
        writer.Line("using var noGrad = " + Qualified.Torch + ".no_grad();");
        writer.Line("var criterion = new " + Qualified.CrossEntropyLoss + "();");
        foreach (var metric in experiment.Metrics)
        {
            if (metric.Kind == MetricKind.Accuracy) writer.Line("using var accuracy = new " + Qualified.TopKAccuracy + "(k: 1);");
            if (metric.Kind == MetricKind.TopK) writer.Line("using var top" + CSharpLiteral.Int(metric.K) + " = new " + Qualified.TopKAccuracy + "(k: " + CSharpLiteral.Int(metric.K) + ");");
        }
        writer.Line(ConfusionVariable + ".Reset();");
        writer.Line("double lossSum = 0;");
        writer.Line("long count = 0;");
        writer.Line("foreach (var batch in loader.Epoch(0))");
        writer.OpenBrace();
        writer.Line("using var scope = " + Qualified.Torch + ".NewDisposeScope();");
        writer.Line("batch.AttachTo(scope);");
        writer.Line("var logits = model.forward(batch.Images);");
        writer.Line("lossSum += criterion.Forward(logits, batch.Labels).item<float>() * batch.Size;");
        writer.Line("count += batch.Size;");
        foreach (var code in Codes)
        {
            if (code.Variable is { } variable) writer.Line(variable + ".Update(logits, batch.Labels);");
        }
        writer.Line(ConfusionVariable + ".Update(logits, batch.Labels);");
        writer.CloseBrace();
        var values = new[] { "Loss: lossSum / count" }.Concat(Codes.Select(c => c.Property + ": " + c.Value)).ToList();
        var call = "return new Metrics(" + string.Join(", ", values) + ");";
        if (call.Length <= 100)
        {
            writer.Line(call);
        }
        else
        {
            writer.Line("return new Metrics(");
            for (var i = 0; i < values.Count; i++) writer.Line("    " + values[i] + (i == values.Count - 1 ? ");" : ","));
        }
        writer.CloseBrace();
    }

    public override IEnumerable<Action<SourceWriter>> Helpers => AdvisesOnClassBalance(experiment) ? [WriteClassBalanceNotes] : [];

    private void WriteClassBalanceNotes(SourceWriter writer)
    {
        var names = string.Join(", ", experiment.Metrics.Select(m => CSharpLiteral.String(m.Kind.ToString())).Distinct());
        writer.Summary("ClassBalance's advice for the declared metrics on a training set of these class sizes; empty when accuracy tells the story.");
        writer.Line("private static string[] ClassBalanceNotes(" + Qualified.IReadOnlyList + "<long> classCounts) =>");
        writer.Line("    " + Qualified.ClassBalance + ".AccuracyWarning(classCounts, [" + names + "]) is { } advice ? [advice] : [];");
    }

    /// <summary>The kinds in declaration order; top-k carries its k, which no Config property holds: <c>TopK:5</c>.</summary>
    public override void ContributeExport(ExportBuilder export)
        => export.Metrics.AddRange(experiment.Metrics.Select(m => m.Kind == MetricKind.TopK ? "TopK:" + CSharpLiteral.Int(m.K) : m.Kind.ToString()));
}
