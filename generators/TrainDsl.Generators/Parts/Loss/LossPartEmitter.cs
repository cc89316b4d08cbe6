using System.Collections.Generic;
using System.Linq;

namespace TrainDsl.Generators.Parts.Loss;

/// <summary>
/// [Loss]: the training criterion and the loss of each step. It is where the loss meets mixing (soft
/// targets, so SoftTargetCrossEntropy; the smoothing moves into the mixed targets) and distillation
/// (DistillationLoss, which takes the teacher's logits and hard or soft targets, with focal loss as its label
/// term when the recipe declares it).
/// </summary>
internal sealed class LossPartEmitter(ResolvedExperiment experiment) : PartEmitter
{
    private ResolvedLoss Loss => experiment.Loss;

    private bool IsMixed => experiment.Mixing is not null;

    private bool Distills => experiment.Distill is not null;

    /// <summary>
    /// Without mixing (which smooths the rows it mixes), distillation and focal loss take smoothed one-hot rows,
    /// so their label term honours the smoothing; cross-entropy alone smooths inside the loss, as PyTorch's does.
    /// </summary>
    private bool SmoothsTargets => !IsMixed && Loss.LabelSmoothing is not null && (Distills || Loss.Kind == LossKind.Focal);


    /// <summary>The loss in the Train summary: "focal loss", "cross-entropy", ...</summary>
    public string Phrase
    {
        get
        {
            var loss = (Loss.LabelSmoothing is not null ? "label-smoothed " : "") + (Loss.Kind == LossKind.Focal ? "focal loss" : "cross-entropy");
            if (IsMixed) loss = loss.Replace("cross-entropy", "soft-target cross-entropy");
            return Distills ? "distillation from " + experiment.Distill!.Name + " and " + loss : loss;
        }
    }

    public override IEnumerable<ConfigProperty> ConfigProperties
    {
        get
        {
            if (Loss.LabelSmoothing is { } smoothing)
            {
                yield return ConfigProperty.Fraction("LabelSmoothing", smoothing, "Label smoothing ε of the targets.");
            }
            if (Loss.Kind == LossKind.Focal)
            {
                yield return ConfigProperty.NonNegative("FocalGamma", Loss.FocalGamma, "Focal loss focusing parameter γ.");
                if (!Loss.FocalAlpha.IsEmpty)
                {
                    yield return new ConfigProperty("FocalAlpha", "double[]", "[" + string.Join(", ", Loss.FocalAlpha.Select(CSharpLiteral.Double)) + "]",
                        "Focal loss per-class weights α.", Qualified.CheckOf(ConfigCheck.Positive));
                }
            }
        }
    }

    public override void ContributePlan(PlanBuilder plan)
    {
        if (Loss.Kind == LossKind.Focal)
        {
            plan.Loss.Text("focal (gamma ").Hole("config.FocalGamma").Text(Loss.FocalAlpha.IsEmpty ? "" : ", per-class alpha");
            if (Loss.LabelSmoothing is not null) plan.Loss.Text(", label smoothing ").Hole("config.LabelSmoothing");
            plan.Loss.Text(")");
            return;
        }
        plan.Loss.Text(IsMixed ? "soft-target cross-entropy" : "cross-entropy");
        if (Loss.LabelSmoothing is not null) plan.Loss.Text(" (label smoothing ").Hole("config.LabelSmoothing").Text(")");
    }

    public override void WriteSetup(SourceWriter writer)
    {
        var focal = Loss.FocalAlpha.IsEmpty
            ? "new " + Qualified.FocalLoss + "(gamma: config.FocalGamma)"
            : "new " + Qualified.FocalLoss + "(gamma: config.FocalGamma, alpha: config.FocalAlpha)";
        if (Distills)
        {
            var isFocal = Loss.Kind == LossKind.Focal;
            if (isFocal) writer.Line("var focal = " + focal + ";");
            writer.Statement("var criterion = new " + Qualified.DistillationLoss + "(",
                "temperature: config.DistillTemperature, alpha: config.DistillAlpha" + (isFocal ? ", focal: focal" : "") + ");");
        }
        else if (IsMixed && Loss.Kind != LossKind.Focal)
        {
            writer.Line("var criterion = new " + Qualified.SoftTargetCrossEntropy + "();");
        }
        else if (Loss.Kind == LossKind.Focal) // it takes class indices and mixing's soft targets alike
        {
            writer.Line("var criterion = " + focal + ";");
        }
        else
        {
            writer.Line(Loss.LabelSmoothing is null
                ? "var criterion = new " + Qualified.CrossEntropyLoss + "();"
                : "var criterion = new " + Qualified.CrossEntropyLoss + "(labelSmoothing: config.LabelSmoothing);");
        }
    }

    public override void WriteStepInputs(SourceWriter writer, StepFlow flow)
    {
        if (!SmoothsTargets) return;
        writer.Line("var targets = " + Qualified.MixupTarget + ".Smoothed(" + flow.Targets + ", data.Train.Classes, config.LabelSmoothing);");
        flow.Targets = "targets";
    }

    /// <summary>Train: the step's loss of <c>logits</c>.</summary>
    public void WriteLoss(SourceWriter writer, StepFlow flow)
        => writer.Line("var loss = criterion.Forward(logits, " + (flow.TeacherLogits is { } teacher ? teacher + ", " : "") + flow.Targets + ");");

    public override void ContributeExport(ExportBuilder export) => export.Loss = Loss.Kind.ToString();
}
