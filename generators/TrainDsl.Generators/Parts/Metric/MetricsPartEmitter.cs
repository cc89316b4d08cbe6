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
    /// <param name="Column">Its metrics.csv column.</param>
    /// <param name="Variable">The accumulator Evaluate updates per batch; null when it comes from the confusion matrix.</param>
    /// <param name="Value">The expression Evaluate returns for it.</param>
    private sealed record MetricCode(string Property, string Column, string Doc, string Phrase, string? Variable, string Value);

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
                return new("Loss", "test_loss", "Mean cross-entropy on the test set.", "loss", null, "lossSum / count");
            default:
                return new("Accuracy", "accuracy", "Top-1 accuracy.", "accuracy", "accuracy", "accuracy.Compute()");
        }
    }

    /// <summary>The Metrics property of a metric: "Accuracy", "Top5", "Loss", ...</summary>
    public static string PropertyOf(ResolvedMetric metric) => CodeOf(metric).Property;

    /// <summary>The metrics.csv column of a metric: "accuracy", "top5", "test_loss", ...</summary>
    public static string ColumnOf(ResolvedMetric metric) => CodeOf(metric).Column;

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
        plan.Metrics.AddRange(Codes.Select(c => c.Column));
        plan.PrimaryMetric = ColumnOf(experiment.Primary);
    }

    /// <summary>Train, after the loaders: notes the class-balance advice when only accuracy-like metrics are declared.</summary>
    public void WriteDataChecks(SourceWriter writer)
    {
        if (!AdvisesOnClassBalance(experiment)) return;
        writer.Line("// Accuracy alone hides how the rare classes of an imbalanced training set fare.");
        writer.Line("foreach (var note in ClassBalanceNotes(data.Train.ClassCounts())) session.Note(note);");
    }

    public override void WriteSetup(SourceWriter writer)
        => writer.Line("using var " + ConfusionVariable + " = new ConfusionMatrix(data.Test.Classes, data.Test.ClassNames);");

    /// <summary>The arguments after <c>(model, test</c> of the Evaluate call in Train.</summary>
    public string TrainEvaluateArguments => ", " + ConfusionVariable;

    public override void WriteEpochEnd(SourceWriter writer)
        => writer.Line("session.SaveIfBest(" + (experiment.Ema is null ? "model" : "ema.Module") + ", metrics." + PropertyOf(experiment.Primary) + ", maximize: " + CSharpLiteral.Bool(Maximizes(experiment.Primary)) + ");");

    public override void WriteTrainEnd(SourceWriter writer)
        => writer.Line("session.ReportConfusion(" + ConfusionVariable + ");");

    /// <summary>Evaluate(checkpoint): the call of Evaluate(model, ...) on the loaded weights.</summary>
    public void WriteCheckpointEvaluate(SourceWriter writer, string model)
    {
        writer.Line("using var " + ConfusionVariable + " = new ConfusionMatrix(data.Test.Classes, data.Test.ClassNames);");
        writer.Line("var test = new BatchLoader(data.Test, EvalBatchSize, shuffle: false, dropLast: false);");
        writer.Line("return Evaluate(" + model + ", test, " + ConfusionVariable + ");");
    }

    /// <summary>The Metrics record: the test loss, then each declared metric.</summary>
    public void WriteRecord(SourceWriter writer)
    {
        writer.Line("/// <summary>Test-set metrics after an epoch.</summary>");
        writer.Line("/// <param name=\"Loss\">Mean cross-entropy on the test set.</param>");
        foreach (var code in Codes)
        {
            writer.Line("/// <param name=\"" + code.Property + "\">" + code.Doc + "</param>");
        }
        writer.Line("public " + experiment.Hides + "sealed record Metrics(" + string.Join(", ", new[] { "double Loss" }.Concat(Codes.Select(c => "double " + c.Property))) + ")");
        writer.OpenBrace();
        writer.Line("/// <summary>The metrics by name, in declaration order (the columns of metrics.csv).</summary>");
        writer.Line("public IReadOnlyList<KeyValuePair<string, double>> ToColumns() =>");
        writer.Line("[");
        writer.Indent();
        writer.Line("new(\"test_loss\", Loss),");
        foreach (var code in Codes)
        {
            writer.Line("new(" + CSharpLiteral.String(code.Column) + ", " + code.Property + "),");
        }
        writer.Unindent();
        writer.Line("];");
        writer.CloseBrace();
    }

    /// <summary>Evaluate(model, test, confusion): every metric in one pass over the test set.</summary>
    public void WriteEvaluate(SourceWriter writer)
    {
        writer.Line("/// <summary>");
        writer.Line("/// Test-set metrics of <paramref name=\"model\"/>, in eval mode and without gradients. <paramref name=\"confusion\"/> is");
        writer.Line("/// cleared, then counts this evaluation's predictions (for the per-class report).");
        writer.Line("/// </summary>");
        writer.Line("public static " + experiment.Hides + "Metrics Evaluate(nn.Module<Tensor, Tensor> model, BatchLoader test, ConfusionMatrix confusion)");
        writer.OpenBrace();
        writer.Line("model.eval();");
        writer.Line("using var noGrad = torch.no_grad();");
        writer.Line("var criterion = new CrossEntropyLoss();");
        foreach (var metric in experiment.Metrics)
        {
            if (metric.Kind == MetricKind.Accuracy) writer.Line("using var accuracy = new TopKAccuracy(k: 1);");
            if (metric.Kind == MetricKind.TopK) writer.Line("using var top" + CSharpLiteral.Int(metric.K) + " = new TopKAccuracy(k: " + CSharpLiteral.Int(metric.K) + ");");
        }
        writer.Line(ConfusionVariable + ".Reset();");
        writer.Line("double lossSum = 0;");
        writer.Line("long count = 0;");
        writer.Line("foreach (var batch in test.Epoch(0))");
        writer.OpenBrace();
        writer.Line("using var scope = torch.NewDisposeScope();");
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
        writer.Line("private static string[] ClassBalanceNotes(IReadOnlyList<long> classCounts) =>");
        writer.Line("    ClassBalance.AccuracyWarning(classCounts, [" + names + "]) is { } advice ? [advice] : [];");
    }
}
