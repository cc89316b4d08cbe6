using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Amp;

/// <summary>
/// [Amp]: mixed precision (Micikevicius et al. 2018). The model stays the fp32 master that the optimizer,
/// checkpoints and evaluation use; a MixedPrecision object runs forward and backward on a 16-bit working
/// copy and hands fp32 gradients back. The step calls go through it, so without [Amp] the step reads as
/// plain TorchSharp and with it only those calls change.
/// </summary>
internal sealed class AmpPartEmitter(ResolvedExperiment experiment) : PartEmitter
{
    private ResolvedAmp? Amp => experiment.Amp;

    public bool IsDeclared => Amp is not null;


    public override IEnumerable<ConfigProperty> ConfigProperties
        => Amp is null ? [] : [Switches.Property(Switches.Amp, Amp.ShortName + " mixed precision")];

    public override void ContributePlan(PlanBuilder plan)
    {
        if (Amp is null) return;
        plan.Model.Text(", " + Amp.ShortName + " mixed precision (fp32 master weights"
            + (Amp.Precision == AmpPrecision.Float16 ? ", dynamic loss scaling" : "")
            + (Amp.LowPrecisionEval ? ", " + Amp.ShortName + " evaluation" : "") + ")").Off(Switches.Amp);
    }

    /// <summary>fp16's loss scale (bf16 saves nothing, but the call is the same).</summary>
    public override IEnumerable<string> ResumableState => Amp is null ? [] : ["amp"];

    public override void WriteSetup(SourceWriter writer)
    {
        if (Amp is null) return;
        writer.Line("// 16-bit forward and backward on a working copy; the optimizer updates the fp32 master weights of model.");
        writer.Line("// With Amp off (enabled: false) the same calls train model in fp32 and build no working copy.");
        writer.Line("using var amp = new " + Qualified.MixedPrecision + "(model, () => CreateModel(data.Train.Channels, data.Train.Classes),");
        writer.Line("    " + Amp.Arguments + ", enabled: config." + Switches.Amp + ");");
        if (Amp.Precision == AmpPrecision.BFloat16)
            writer.Line("if (amp.Enabled && " + Qualified.CpuBf16 + ".Note() is { } slowBf16) session.Note(slowBf16);");
    }

    /// <summary>The forward pass of the step.</summary>
    public string Forward(string images) => Amp is null ? "model.forward(" + images + ")" : "amp.Forward(" + images + ")";

    /// <summary>Backward of <paramref name="loss"/>; with [Amp], onto the master's fp32 gradients (added to, within a step).</summary>
    public void WriteBackward(SourceWriter writer, string loss)
        => writer.Line(Amp is null ? Parenthesized(loss) + ".backward();" : "amp.Backward(" + loss + ");");

    /// <summary>
    /// The optimizer step (through MixedPrecision with [Amp]), skipped when <paramref name="loss"/> or the gradients are
    /// not finite (the session stops the run as diverged after several in a row). With fp16 the loss scaler skips a step
    /// whose gradients overflowed and lowers the scale: that is not divergence, so only the loss counts there.
    /// </summary>
    public void WriteStep(SourceWriter writer, string loss)
    {
        if (Amp?.Precision == AmpPrecision.Float16)
        {
            writer.Line("// Skipped when the loss is inf or NaN (too many in a row stop the run as diverged), or by the loss");
            writer.Line("// scaler when the scaled fp16 gradients overflowed, which lowers the scale and is no divergence.");
            writer.Line("if (session.IsFinite(" + loss + ")) amp.Step(optimizer);");
            return;
        }
        writer.Line("// Skipped when the loss or a gradient is inf or NaN; too many in a row stop the run as diverged.");
        writer.Line("if (session.IsFinite(" + loss + ", model)) " + (Amp is null ? "optimizer.step();" : "amp.Step(optimizer);"));
    }

    private static string Parenthesized(string expression) => expression.Contains(" ") ? "(" + expression + ")" : expression;

    /// <summary>The model the epoch's evaluation runs: the master, or its 16-bit copy with the current weights.</summary>
    public string EvaluatedModel => Amp is { LowPrecisionEval: true } ? "amp.ForEvaluation()" : "model";

    /// <summary>Evaluate(checkpoint) with LowPrecisionEval: the loaded model converted like the working copy.</summary>
    public void WriteCheckpointConversion(SourceWriter writer)
    {
        if (Amp is not { LowPrecisionEval: true }) return;
        writer.Line("// Evaluated in " + Amp.ShortName + ", as during training (in fp32 with Amp off).");
        writer.Line("using var lowPrecision = config." + Switches.Amp);
        writer.Line("    ? new " + Qualified.LowPrecisionModel + "(model, " + Amp.Arguments + ")");
        writer.Line("    : null;");
    }

    /// <summary>
    /// LoadPredictor with LowPrecisionEval: the lines of the argument that converts the loaded model as Evaluate(checkpoint)
    /// converts it; null without.
    /// </summary>
    public IReadOnlyList<string>? PredictConversion => Amp is { LowPrecisionEval: true }
        ?
        [
            "convert: config." + Switches.Amp,
            "    ? model => new " + Qualified.LowPrecisionModel + "(",
            "        model, " + Amp.Arguments + ")",
            "    : null",
        ]
        : null;

    /// <summary>The variable Evaluate(checkpoint) evaluates.</summary>
    public string CheckpointModel => Amp is { LowPrecisionEval: true } ? "lowPrecision ?? model" : "model";

    public override void WriteTrainEnd(SourceWriter writer)
    {
        if (Amp?.Precision == AmpPrecision.Float16) writer.Line("if (amp.Scaler is { } scaler) session.Note(\"fp16 \" + scaler);");
    }

    public override void ContributeExport(ExportBuilder export)
    {
        if (Amp is not null) export.Tricks.Add("Amp");
    }
}
