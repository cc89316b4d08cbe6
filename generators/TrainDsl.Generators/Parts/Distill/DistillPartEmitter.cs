using System;
using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Distill;

/// <summary>
/// [Distill]: the teacher (Hinton et al. 2015), loaded from its checkpoint, in eval mode, scoring exactly the
/// images the student sees (after augmentation and mixing) without gradients. The loss part makes the
/// criterion a DistillationLoss.
/// </summary>
internal sealed class DistillPartEmitter(ResolvedExperiment experiment) : PartEmitter
{
    private ResolvedDistill? Distill => experiment.Distill;

    /// <summary>A teacher experiment's checkpoint may be left out: its newest run supplies it.</summary>
    private bool FindsNewestRun => Distill is { Kind: TeacherKind.Experiment };


    public override IEnumerable<ConfigProperty> ConfigProperties
    {
        get
        {
            if (Distill is null) yield break;
            yield return Switches.Property(Switches.Distill, "Distillation from " + Distill.Name);
            if (FindsNewestRun)
            {
                yield return new ConfigProperty("TeacherCheckpoint", "string?", Distill.Checkpoint is { } path ? CSharpLiteral.String(path) : "null",
                    "The teacher's weights; null takes the model.bin of " + Distill.Name + "'s newest run.",
                    Qualified.ConfigCheck + ".TeacherFileOrNewestRun, Teacher = " + CSharpLiteral.String(Distill.Name));
            }
            else
            {
                yield return new ConfigProperty("TeacherCheckpoint", "string", CSharpLiteral.String(Distill.Checkpoint ?? ""),
                    "The teacher's weights (a model.bin).", Qualified.CheckOf(ConfigCheck.TeacherFile));
            }
            yield return ConfigProperty.Positive("DistillTemperature", Distill.Temperature, "Distillation softmax temperature T.");
            yield return ConfigProperty.Probability("DistillAlpha", Distill.Alpha, "Weight α of the distillation term; 1 − α weighs the labels.");
        }
    }

    public override void ContributePlan(PlanBuilder plan)
    {
        if (Distill is null) return;
        plan.Loss.Text("distillation").Off(Switches.Distill).Text(" (temperature ").Hole("config.DistillTemperature").Text(", alpha ").Hole("config.DistillAlpha")
            .Text(") from " + Distill.Name + " (");
        if (FindsNewestRun) plan.Loss.Hole("config.TeacherCheckpoint ?? \"its newest run\"");
        else plan.Loss.Hole("config.TeacherCheckpoint");
        plan.Loss.Text(") with ");
    }

    public override void WriteSetup(SourceWriter writer)
    {
        if (Distill is null) return;
        writer.Line("// The teacher: trained weights in eval mode, scoring the student's images without gradients; none with Distill off.");
        writer.Line("using var teacher = config." + Switches.Distill + " ? LoadTeacher(" + TeacherArguments + ") : null;");
    }

    /// <summary>LoadTeacher's parameters: the config, the settings only when the newest run is looked up, and the data.</summary>
    private string TeacherParameters => "Config config, " + (FindsNewestRun ? Qualified.RunSettings + " settings, " : "") + Qualified.DatasetSplits + " data";

    private string TeacherArguments => "config, " + (FindsNewestRun ? "settings, " : "") + "data";

    private void WriteLoadTeacher(SourceWriter writer)
    {
        var teacher = Distill!;
        writer.Summary("The teacher " + teacher.Name + ": its trained weights, in eval mode.");
        writer.Signature("private static " + Qualified.Module, "LoadTeacher", TeacherParameters);
        writer.OpenBrace();
        var creation = teacher.Kind == TeacherKind.Experiment
            ? teacher.Reference + ".CreateModel(data.Train.Channels, data.Train.Classes)"
            : teacher.Arguments == ModelArguments.ChannelsAndClasses
                ? "new " + teacher.Reference + "(data.Train.Channels, data.Train.Classes)"
                : "new " + teacher.Reference + "()";
        var checkpoint = FindsNewestRun ? "TeacherCheckpointFor(config, settings)" : "config.TeacherCheckpoint";
        writer.Statement(Qualified.Module + " teacher = ", creation + ";");
        writer.Line(Qualified.Checkpoint + ".Load(teacher, " + checkpoint + ");");
        if (experiment.Amp is { } amp)
        {
            // The checkpoint holds fp32 weights, so they are loaded before the 16-bit conversion.
            writer.Line("// It only runs forward, so it runs wholly in " + amp.ShortName + " (in fp32 with Amp off).");
            writer.Statement("if (config." + Switches.Amp + ") ", "teacher = new " + Qualified.LowPrecisionModel + "(teacher, " + amp.Arguments + ");");
        }
        writer.Line("teacher.eval();");
        writer.Line("return teacher;");
        writer.CloseBrace();
    }

    public override void WriteAfterForward(SourceWriter writer, StepFlow flow)
    {
        if (Distill is null) return;
        writer.Line(Qualified.Tensor + "? teacherLogits = null; // without a teacher (Distill off) the loss is its label term alone");
        writer.Line("if (teacher is not null)");
        writer.OpenBrace();
        writer.Line("using (" + Qualified.Torch + ".no_grad()) teacherLogits = teacher.forward(" + flow.Images + ");");
        writer.CloseBrace();
        flow.TeacherLogits = "teacherLogits";
    }

    public override IEnumerable<Action<SourceWriter>> Helpers
        => Distill is null ? [] : FindsNewestRun ? [WriteLoadTeacher, WriteTeacherCheckpointFor] : [WriteLoadTeacher];

    private void WriteTeacherCheckpointFor(SourceWriter writer)
    {
        var teacher = Distill!;
        writer.Summary("The teacher's weights: TeacherCheckpoint, else the model.bin of " + teacher.Name + "'s newest run in the output folder.");
        writer.Line("private static string TeacherCheckpointFor(Config config, " + Qualified.RunSettings + " settings)");
        writer.OpenBrace();
        writer.Line("return config.TeacherCheckpoint");
        writer.Line("    ?? " + Qualified.RunFolder + ".NewestCheckpoint(settings.OutputRoot, " + teacher.Reference + ".ExperimentName)");
        writer.Line("    ?? throw new " + Qualified.TrainDslException + "(");
        writer.Line("        $\"{ExperimentName} distills from " + teacher.Name + ", but no run of it under '{settings.OutputRoot}' has a model.bin: \" +");
        writer.Line("        \"train " + teacher.Name + " first or set TeacherCheckpoint.\");");
        writer.CloseBrace();
    }

    /// <summary>The teacher's model kind (an experiment's comes from its own DeclaredParts) and the checkpoint in force.</summary>
    public override void ContributeExport(ExportBuilder export)
    {
        if (Distill is null) return;
        export.TeacherModel = Distill.Kind == TeacherKind.Experiment
            ? Distill.Reference + ".DeclaredParts.Model"
            : CSharpLiteral.String("Custom:" + Distill.Reference.Substring("global::".Length));
        export.TeacherCheckpoint = "config." + Switches.Distill + " ? " + (FindsNewestRun ? "TeacherCheckpointFor(config, settings)" : "config.TeacherCheckpoint")
            + " : null";
    }
}
