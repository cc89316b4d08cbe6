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

    public override IEnumerable<string> Usings => Amp is null ? [] : ["TrainDsl.Precision"];

    public override void ContributePlan(PlanBuilder plan)
    {
        if (Amp is null) return;
        plan.Model.Text(", " + Amp.ShortName + " mixed precision (fp32 master weights"
            + (Amp.Precision == AmpPrecision.Float16 ? ", dynamic loss scaling" : "")
            + (Amp.LowPrecisionEval ? ", " + Amp.ShortName + " evaluation" : "") + ")");
    }

    /// <summary>fp16's loss scale (bf16 saves nothing, but the call is the same).</summary>
    public override IEnumerable<string> ResumableState => Amp is null ? [] : ["amp"];

    public override void WriteSetup(SourceWriter writer)
    {
        if (Amp is null) return;
        writer.Line("// 16-bit forward and backward on a working copy; the optimizer updates the fp32 master weights of model.");
        writer.Statement("using var amp = new MixedPrecision(", "model, () => CreateModel(data.Train.Channels, data.Train.Classes), " + Amp.Arguments + ");");
    }

    /// <summary>The forward pass of the step.</summary>
    public string Forward(string images) => Amp is null ? "model.forward(" + images + ")" : "amp.Forward(" + images + ")";

    /// <summary>Backward and the optimizer step: fp16 scales the loss and skips a step whose gradients overflowed.</summary>
    public void WriteBackwardAndStep(SourceWriter writer)
    {
        WriteBackward(writer, "loss");
        WriteStep(writer);
    }

    /// <summary>Backward of <paramref name="loss"/>; with [Amp], onto the master's fp32 gradients (added to, within a step).</summary>
    public void WriteBackward(SourceWriter writer, string loss)
        => writer.Line(Amp is null ? Parenthesized(loss) + ".backward();" : "amp.Backward(" + loss + ");");

    /// <summary>The optimizer step, through MixedPrecision with [Amp].</summary>
    public void WriteStep(SourceWriter writer)
    {
        if (Amp is null) writer.Line("optimizer.step();");
        else if (Amp.Precision == AmpPrecision.Float16) writer.Line("amp.Step(optimizer); // skipped when the scaled fp16 gradients overflowed");
        else writer.Line("amp.Step(optimizer);");
    }

    private static string Parenthesized(string expression) => expression.Contains(" ") ? "(" + expression + ")" : expression;

    /// <summary>The model the epoch's evaluation runs: the master, or its 16-bit copy with the current weights.</summary>
    public string EvaluatedModel => Amp is { LowPrecisionEval: true } ? "amp.ForEvaluation()" : "model";

    /// <summary>Evaluate(checkpoint) with LowPrecisionEval: the loaded model converted like the working copy.</summary>
    public void WriteCheckpointConversion(SourceWriter writer)
    {
        if (Amp is not { LowPrecisionEval: true }) return;
        writer.Line("// Evaluated in " + Amp.ShortName + ", as during training.");
        writer.Line("using var lowPrecision = new LowPrecisionModel(model, " + Amp.Arguments + ");");
    }

    /// <summary>LoadPredictor with LowPrecisionEval: the loaded model converted as Evaluate(checkpoint) converts it; null without.</summary>
    public string? PredictConversion => Amp is { LowPrecisionEval: true } ? "convert: model => new LowPrecisionModel(model, " + Amp.Arguments + ")" : null;

    /// <summary>The variable Evaluate(checkpoint) evaluates.</summary>
    public string CheckpointModel => Amp is { LowPrecisionEval: true } ? "lowPrecision" : "model";

    public override void WriteTrainEnd(SourceWriter writer)
    {
        if (Amp?.Precision == AmpPrecision.Float16) writer.Line("session.Note(\"fp16 \" + amp.Scaler);");
    }
}
