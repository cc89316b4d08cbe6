using System.Linq;

namespace TrainDsl.Generators.Emit;

/// <summary>
/// Writes <c>Train</c>: load the data, create what the recipe declares, then the epoch loop with its
/// training step. The skeleton is fixed; every line that depends on the recipe comes from a part.
/// </summary>
internal static class TrainEmitter
{
    public static void Write(SourceWriter writer, RecipeParts parts)
    {
        var mixed = parts.Mixing.Phrase.Length > 0 ? " on " + parts.Mixing.Phrase + " batches" : "";
        writer.Summary("Trains " + parts.Model.DisplayName + " on " + parts.Data.DatasetName + " with " + parts.Loss.Phrase + mixed + ", "
            + parts.Optimizer.Name + " and " + parts.Schedule.Phrase + ", evaluating " + parts.Metrics.Phrase + " after every epoch. Writes a run folder.");
        writer.Line("public static TrainResult Train(Config? config = null, " + Qualified.RunSettings + "? settings = null)");
        writer.OpenBrace();
        WriteConfigPrologue(writer);
        writer.Line("var session = " + Qualified.TrainSession + ".Start(Plan(config, settings), settings);");
        writer.Line();
        parts.Data.WriteLoad(writer);
        parts.Metrics.WriteDataChecks(writer);
        writer.Line();
        writer.Line(Qualified.Torch + ".manual_seed(config.Seed);");
        foreach (var part in parts.All) part.WriteSetup(writer);
        var state = string.Concat(parts.All.SelectMany(p => p.ResumableState).Select(v => ", " + v));
        writer.Line("// A resumed run (--resume) continues after the last epoch its run folder finished.");
        var weights = parts.Ema.ResumeWeights;
        writer.Line("int firstEpoch = session.Resume(" + weights + ", optimizer" + state + ");");
        writer.Line();
        writer.Line("var history = new " + Qualified.List + "<Metrics>();");
        writer.Line("for (int epoch = firstEpoch; epoch < config.Epochs && !session.ShouldStop; epoch++)");
        writer.OpenBrace();
        writer.Line("model.train();");
        writer.Line("session.BeginEpoch();");
        foreach (var part in parts.All) part.WriteEpochStart(writer);
        WriteStep(writer, parts);
        writer.Line();
        var evaluated = parts.Ema.Evaluated(parts.Amp.EvaluatedModel);
        parts.Metrics.WriteEpochEvaluation(writer, evaluated);
        foreach (var part in parts.All) part.WriteEpochEnd(writer);
        writer.Line("session.SaveResumePoint(" + weights + ", optimizer" + state + ");");
        writer.CloseBrace();
        writer.Line();
        parts.Metrics.WriteFinishingEvaluation(writer, evaluated);
        writer.Line();
        foreach (var part in parts.All) part.WriteTrainEnd(writer);
        writer.Line("var checkpoint = session.SaveCheckpoint(" + parts.Ema.Saved + ");");
        writer.Line("return new TrainResult(config, history, session.Finish(checkpoint));");
        writer.CloseBrace();
    }

    /// <summary>One optimizer step: the batch through the declared input parts, forward, loss, backward, step.</summary>
    private static void WriteStep(SourceWriter writer, RecipeParts parts)
    {
        if (parts.Accumulation.IsDeclared)
        {
            WriteAccumulatedStep(writer, parts);
            return;
        }
        writer.Line("foreach (var batch in train.Epoch(epoch))");
        writer.OpenBrace();
        writer.Line("// Every tensor of this step, the batch included, is freed when the scope ends.");
        WriteBatchScope(writer);
        foreach (var part in parts.All) part.WriteStepStart(writer);
        writer.Line();
        WriteInputs(writer, parts, out var flow);
        writer.Line("optimizer.zero_grad();");
        WriteForwardAndLoss(writer, parts, flow);
        parts.Amp.WriteBackward(writer, "loss");
        foreach (var part in parts.All) part.WriteAfterBackward(writer);
        parts.Amp.WriteStep(writer, "loss");
        foreach (var part in parts.All) part.WriteAfterStep(writer);
        writer.Line();
        writer.Line("session.StepDone(epoch, loss.item<float>(), " + parts.Schedule.StepLearningRate + ", batch.Size);");
        writer.Line("if (session.ShouldStop) break;");
        writer.CloseBrace();
    }

    /// <summary>
    /// With [GradientAccumulation]: the step's micro-batches one after another, each through the input parts, forward,
    /// loss and backward of loss / k, their gradients adding up; then one optimizer step.
    /// </summary>
    private static void WriteAccumulatedStep(SourceWriter writer, RecipeParts parts)
    {
        writer.Line("// AccumulationSteps micro-batches make one optimizer step; the epoch's last batches that make no whole step are not drawn.");
        writer.Statement("foreach (var microBatches in " + Qualified.GradientAccumulation + ".Steps(",
            "train.Epoch(epoch), train.Count, config.AccumulationSteps))");
        writer.OpenBrace();
        writer.Line("// What the optimizer makes at this step (its views of the gradients) is freed when the scope ends.");
        writer.Line("using var stepScope = " + Qualified.Torch + ".NewDisposeScope();");
        foreach (var part in parts.All) part.WriteStepStart(writer);
        writer.Line("optimizer.zero_grad();");
        writer.Line("double stepLoss = 0;");
        writer.Line("foreach (var batch in microBatches)");
        writer.OpenBrace();
        writer.Line("// Every tensor of this micro-batch, the batch included, is freed when the scope ends.");
        WriteBatchScope(writer);
        writer.Line();
        WriteInputs(writer, parts, out var flow);
        WriteForwardAndLoss(writer, parts, flow);
        writer.Line("// Each micro-batch adds the gradient of loss / AccumulationSteps: the step follows the mean loss of all its images.");
        parts.Amp.WriteBackward(writer, "loss / config.AccumulationSteps");
        writer.Line("stepLoss += loss.item<float>() / config.AccumulationSteps;");
        writer.CloseBrace();
        foreach (var part in parts.All) part.WriteAfterBackward(writer);
        // The mean loss is NaN when any micro-batch's was: the step is skipped as one with a non-finite loss.
        parts.Amp.WriteStep(writer, Qualified.Torch + ".tensor(stepLoss)");
        foreach (var part in parts.All) part.WriteAfterStep(writer);
        writer.Line();
        writer.Line("session.StepDone(epoch, stepLoss, " + parts.Schedule.StepLearningRate + ", config.AccumulationSteps * config.BatchSize);");
        writer.Line("if (session.ShouldStop) break;");
        writer.CloseBrace();
    }

    private static void WriteBatchScope(SourceWriter writer)
    {
        writer.Line("using var scope = " + Qualified.Torch + ".NewDisposeScope();");
        writer.Line("batch.AttachTo(scope);");
    }

    /// <summary>What the parts do to the batch before the forward pass, followed by a blank line when they wrote anything.</summary>
    private static void WriteInputs(SourceWriter writer, RecipeParts parts, out StepFlow flow)
    {
        flow = new StepFlow();
        var before = writer.LineCount;
        foreach (var part in parts.All) part.WriteStepInputs(writer, flow);
        if (writer.LineCount > before) writer.Line();
    }

    private static void WriteForwardAndLoss(SourceWriter writer, RecipeParts parts, StepFlow flow)
    {
        writer.Line("var logits = " + parts.Amp.Forward(flow.Images) + ";");
        foreach (var part in parts.All) part.WriteAfterForward(writer, flow);
        parts.Loss.WriteLoss(writer, flow);
    }

    /// <summary>The first lines of Train, Plan and Evaluate: defaults for what was not passed, then the run-time checks.</summary>
    public static void WriteConfigPrologue(SourceWriter writer)
    {
        writer.Line("config ??= new Config();");
        writer.Line("settings ??= " + Qualified.RunSettings + ".Default;");
        writer.Line("config.Validate();");
    }
}
