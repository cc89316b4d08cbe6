using System;
using System.Collections.Generic;
using System.Linq;

namespace TrainDsl.Generators.Parts.Schedule;

/// <summary>
/// [Schedule]: the CreateSchedule factory, where the loop reads the rate (once per epoch or once per
/// step) and the rates the plan lists. A linear warmup (Goyal et al. 2017, §2.2) wraps the declared
/// schedule. Plateau is driven by the monitored metric after each epoch's evaluation, so the plan knows
/// its rates only through the warmup. Without a schedule the optimizer keeps its rate: no lines at all.
/// </summary>
internal sealed class SchedulePartEmitter(ResolvedExperiment experiment) : PartEmitter
{
    private ResolvedSchedule Schedule => experiment.Schedule;

    private bool IsPlateau => Schedule.Kind == ScheduleKind.Plateau;

    private bool IsConstant => Schedule.Kind == ScheduleKind.Constant && !Schedule.HasWarmup;

    private bool IsPerStep => !IsConstant && !IsPlateau && Schedule.Interval == ScheduleInterval.PerStep;

    private string Unit => Schedule.Interval == ScheduleInterval.PerStep ? "steps" : "epochs";

    /// <summary>The warmup's length in the schedule's unit, as an expression of <c>config</c> and <c>stepsPerEpoch</c>.</summary>
    private string WarmupLength
        => Schedule.WarmupSteps > 0 ? "config.WarmupSteps"
            : IsPerStep ? "config.WarmupEpochs * stepsPerEpoch"
            : "config.WarmupEpochs";

    /// <summary>The schedule in the Train summary: "a per-step cosine schedule".</summary>
    public string Phrase
    {
        get
        {
            var interval = Schedule.Interval == ScheduleInterval.PerStep ? "per-step" : "per-epoch";
            var phrase = Schedule.Kind switch
            {
                ScheduleKind.Step => "a " + interval + " step schedule",
                ScheduleKind.MultiStep => "a " + interval + " multi-step schedule",
                ScheduleKind.Cosine => "a " + interval + " cosine schedule",
                ScheduleKind.Plateau => "a plateau schedule on " + MetricsPartEmitter.Describe(Schedule.Monitor!),
                _ => IsConstant ? "a constant learning rate" : "a constant " + interval + " schedule",
            };
            return Schedule.HasWarmup ? phrase + " after a linear warmup" : phrase;
        }
    }

    /// <summary>The rate a step ran with, for <c>session.StepDone</c>.</summary>
    public string StepLearningRate => IsConstant ? "config.ResolvedLearningRate" : "lr";

    public override IEnumerable<ConfigProperty> ConfigProperties
    {
        get
        {
            switch (Schedule.Kind)
            {
                case ScheduleKind.Step:
                    yield return ConfigProperty.AtLeastOne("StepSize", Schedule.StepSize, "StepLR: decay every this many " + Unit + ".");
                    yield return ConfigProperty.Positive("ScheduleGamma", Schedule.Gamma, "StepLR γ: the rate's factor at each decay.");
                    break;
                case ScheduleKind.MultiStep:
                    yield return new ConfigProperty("Milestones", "int[]", "[" + string.Join(", ", Schedule.Milestones.Select(CSharpLiteral.Int)) + "]",
                        "MultiStepLR: the " + Unit + " at which the rate decays.",
                        "ConfigCheck.Milestones, Unit = " + CSharpLiteral.String(Unit.TrimEnd('s')));
                    yield return ConfigProperty.Positive("ScheduleGamma", Schedule.Gamma, "MultiStepLR γ: the rate's factor at each milestone.");
                    break;
                case ScheduleKind.Cosine:
                    yield return ConfigProperty.NonNegative("MinLr", Schedule.MinLr, "CosineAnnealingLR η_min.");
                    yield return new ConfigProperty("Period", "int", CSharpLiteral.Int(Schedule.Period),
                        "CosineAnnealingLR T_max in " + Unit + "; 0 anneals over the whole run" + (Schedule.HasWarmup ? " after the warmup." : "."),
                        "ConfigCheck.WholeRunOrMore");
                    break;
                case ScheduleKind.Plateau:
                    yield return new ConfigProperty("PlateauFactor", "double", CSharpLiteral.Double(Schedule.Factor),
                        "ReduceLROnPlateau: the rate's factor when the metric stalls.", "ConfigCheck.Shrinking");
                    yield return ConfigProperty.NonNegativeInt("PlateauPatience", Schedule.Patience, "ReduceLROnPlateau: epochs without improvement before reducing.");
                    yield return ConfigProperty.NonNegative("PlateauThreshold", Schedule.Threshold, "ReduceLROnPlateau: the relative improvement that counts.");
                    yield return ConfigProperty.NonNegativeInt("PlateauCooldown", Schedule.Cooldown, "ReduceLROnPlateau: epochs to wait after a reduction.");
                    yield return ConfigProperty.NonNegative("MinLr", Schedule.MinLr, "ReduceLROnPlateau: the rate's floor.");
                    break;
            }

            if (Schedule.WarmupSteps > 0)
            {
                yield return ConfigProperty.AtLeastOne("WarmupSteps", Schedule.WarmupSteps, "Linear warmup over this many optimizer steps.");
            }
            else if (Schedule.WarmupEpochs > 0)
            {
                yield return new ConfigProperty("WarmupEpochs", "int", CSharpLiteral.Int(Schedule.WarmupEpochs),
                    "Linear warmup over this many epochs.", "ConfigCheck.AtLeastOne, ConfigCheck.BelowEpochs");
            }
            if (Schedule.HasWarmup)
            {
                yield return new ConfigProperty("WarmupStart", "double", CSharpLiteral.Double(Schedule.WarmupStart),
                    "The warmup's first rate as a fraction of the base rate (LinearLR's start_factor).", "ConfigCheck.StartFactor");
            }
        }
    }

    /// <summary>T_max as an expression: the declared period, else the whole run (after the warmup) in the schedule's unit.</summary>
    private string CosinePeriod(string stepsPerEpoch)
    {
        var run = Schedule.Interval == ScheduleInterval.PerStep ? "(long)config.Epochs * " + stepsPerEpoch : "config.Epochs";
        if (Schedule.HasWarmup) run += " - " + WarmupLength.Replace("stepsPerEpoch", stepsPerEpoch);
        return "config.Period > 0 ? config.Period : " + run;
    }

    public override void ContributePlan(PlanBuilder plan)
    {
        var interval = Schedule.Interval == ScheduleInterval.PerStep ? "per step" : "per epoch";
        switch (Schedule.Kind)
        {
            case ScheduleKind.Step:
                plan.Schedule.Text("StepLR(step size ").Hole("config.StepSize").Text(", gamma ").Hole("config.ScheduleGamma").Text(")");
                break;
            case ScheduleKind.MultiStep:
                plan.Schedule.Text("MultiStepLR(milestones [").Hole("string.Join(\", \", config.Milestones)")
                    .Text("], gamma ").Hole("config.ScheduleGamma").Text(")");
                break;
            case ScheduleKind.Cosine:
                plan.Schedule.Text("CosineAnnealingLR(T_max ").Hole("(" + CosinePeriod("stepsPerEpoch") + ")")
                    .Text(", eta_min ").Hole("config.MinLr").Text(")");
                break;
            case ScheduleKind.Plateau:
                var monitor = Schedule.Monitor!;
                plan.Schedule.Text("ReduceLROnPlateau(" + MetricsPartEmitter.ColumnOf(monitor) + ", " + (MetricsPartEmitter.Maximizes(monitor) ? "max" : "min"))
                    .Text(", factor ").Hole("config.PlateauFactor").Text(", patience ").Hole("config.PlateauPatience")
                    .Text(", threshold ").Hole("config.PlateauThreshold").Text(", cooldown ").Hole("config.PlateauCooldown")
                    .Text(", min lr ").Hole("config.MinLr").Text(")");
                interval = "per epoch";
                break;
            default:
                plan.Schedule.Text("constant");
                break;
        }
        if (!IsConstant) // a recipe without a schedule keeps its plain "constant"
        {
            if (Schedule.HasWarmup)
            {
                plan.Schedule.Text(" after a linear warmup over ").Hole(Schedule.WarmupSteps > 0 ? "config.WarmupSteps" : "config.WarmupEpochs")
                    .Text(Schedule.WarmupSteps > 0 ? " steps from " : " epochs from ").Hole("config.WarmupStart").Text(" × lr");
            }
            plan.Schedule.Text(", " + interval);
        }

        if (IsPlateau)
        {
            var metric = MetricsPartEmitter.ColumnOf(Schedule.Monitor!);
            if (Schedule.HasWarmup)
            {
                plan.EpochLearningRates.Add("LearningRatePlan.PerEpoch(");
                plan.EpochLearningRates.Add("    new LinearWarmup(new ConstantSchedule(), config.WarmupEpochs, config.WarmupStart), config.ResolvedLearningRate,");
                plan.EpochLearningRates.Add("    config.WarmupEpochs + 1, stepsPerEpoch, perStep: false),");
                plan.Notes.Add(CSharpLiteral.String("The rates are listed through the warmup and the epoch after it: the base rate, then reduced on plateau of " + metric + "."));
            }
            else
            {
                plan.EpochLearningRates.Add("[config.ResolvedLearningRate],");
                plan.Notes.Add(CSharpLiteral.String("Only the first epoch's rate is listed: the base rate, then reduced on plateau of " + metric + "."));
            }
            return;
        }
        plan.EpochLearningRates.Add("LearningRatePlan.PerEpoch(");
        plan.EpochLearningRates.Add("    CreateSchedule(config, stepsPerEpoch), config.ResolvedLearningRate, config.Epochs, stepsPerEpoch, perStep: "
            + CSharpLiteral.Bool(IsPerStep) + "),");
    }

    /// <summary>Plateau depends on the metrics seen; the other schedules are functions of time.</summary>
    public override IEnumerable<string> ResumableState => IsPlateau ? ["schedule"] : [];

    public override void WriteSetup(SourceWriter writer)
    {
        if (IsPlateau) writer.Line("var schedule = CreateSchedule(config);");
        else if (!IsConstant) writer.Line("var schedule = CreateSchedule(config, train.Count);");
    }

    public override void WriteEpochStart(SourceWriter writer)
    {
        if (IsPlateau)
        {
            writer.Line(Schedule.HasWarmup ? "double lr = schedule.At(epoch);" : "double lr = schedule.LearningRate;");
            writer.Line("optimizer.SetLearningRate(lr);");
            return;
        }
        if (IsConstant || IsPerStep) return;
        writer.Line("double lr = schedule.At(epoch, config.ResolvedLearningRate);");
        writer.Line("optimizer.SetLearningRate(lr);");
    }

    public override void WriteStepStart(SourceWriter writer)
    {
        if (!IsPerStep) return;
        writer.Line("double lr = schedule.At(session.Steps, config.ResolvedLearningRate);");
        writer.Line("optimizer.SetLearningRate(lr);");
    }

    public override void WriteEpochEnd(SourceWriter writer)
    {
        if (!IsPlateau) return;
        var value = "metrics." + MetricsPartEmitter.PropertyOf(Schedule.Monitor!);
        writer.Line(Schedule.HasWarmup ? "schedule.EpochEnded(epoch, " + value + ");" : "schedule.Step(" + value + ");");
    }

    public override IEnumerable<Action<SourceWriter>> Factories => [IsPlateau ? WriteCreatePlateau : WriteCreateSchedule];

    private void WriteCreateSchedule(SourceWriter writer)
    {
        var stepped = Schedule.Interval == ScheduleInterval.PerStep ? "stepped every optimizer step" : "stepped once per epoch";
        string name, creation;
        switch (Schedule.Kind)
        {
            case ScheduleKind.Step:
                (name, creation) = ("StepLR", "new StepLR(config.StepSize, config.ScheduleGamma)");
                break;
            case ScheduleKind.MultiStep:
                (name, creation) = ("MultiStepLR", "new MultiStepLR(config.Milestones, config.ScheduleGamma)");
                break;
            case ScheduleKind.Cosine:
                (name, creation) = ("CosineAnnealingLR", "new CosineAnnealingLR(\n    tMax: " + CosinePeriod("stepsPerEpoch") + ",\n    etaMin: config.MinLr)");
                break;
            default:
                (name, creation) = ("the base rate", "new ConstantSchedule()");
                break;
        }

        if (!Schedule.HasWarmup)
        {
            writer.Line(Schedule.Kind != ScheduleKind.Constant ? "/// <summary>The declared schedule: " + name + ", " + stepped + ".</summary>"
                : Schedule.IsDeclared ? "/// <summary>The declared schedule: the base rate throughout.</summary>"
                : "/// <summary>No [Schedule] is declared: the base rate throughout.</summary>");
            writer.Line("private static ILrSchedule CreateSchedule(Config config, int stepsPerEpoch) =>");
            foreach (var line in creation.Split('\n')) writer.Line("    " + line + (line == creation.Split('\n').Last() ? ";" : ""));
            return;
        }

        // Cosine restarts its clock after the warmup (PyTorch's SequentialLR); Step and MultiStep keep the
        // absolute clock, so their milestones stay the epochs the user wrote (ChainedScheduler).
        var restart = Schedule.Kind == ScheduleKind.Cosine;
        writer.Line("/// <summary>The declared schedule: " + name + " after a linear warmup (Goyal et al. 2017), " + stepped + ".</summary>");
        writer.Line("private static ILrSchedule CreateSchedule(Config config, int stepsPerEpoch) =>");
        writer.Line("    new LinearWarmup(");
        var lines = creation.Split('\n');
        for (var i = 0; i < lines.Length; i++) writer.Line("        " + lines[i] + (i == lines.Length - 1 ? "," : ""));
        writer.Line("        warmup: " + WarmupLength + ",");
        writer.Line("        startFactor: config.WarmupStart" + (restart ? "," : ");"));
        if (restart) writer.Line("        restartInner: true);");
    }

    private void WriteCreatePlateau(SourceWriter writer)
    {
        var monitor = Schedule.Monitor!;
        var plateau = new[]
        {
            "new ReduceLROnPlateau(config.ResolvedLearningRate, maximize: " + CSharpLiteral.Bool(MetricsPartEmitter.Maximizes(monitor)) + ",",
            "    factor: config.PlateauFactor, patience: config.PlateauPatience, threshold: config.PlateauThreshold,",
            "    cooldown: config.PlateauCooldown, minLr: config.MinLr)",
        };
        var watched = "the test " + MetricsPartEmitter.Describe(monitor) + " (" + (MetricsPartEmitter.Maximizes(monitor) ? "higher" : "lower") + " is better)";
        if (!Schedule.HasWarmup)
        {
            writer.Line("/// <summary>The declared schedule: ReduceLROnPlateau on " + watched + ", stepped after each epoch's evaluation.</summary>");
            writer.Line("private static ReduceLROnPlateau CreateSchedule(Config config) =>");
            for (var i = 0; i < plateau.Length; i++) writer.Line("    " + plateau[i] + (i == plateau.Length - 1 ? ";" : ""));
            return;
        }
        writer.Line("/// <summary>");
        writer.Line("/// The declared schedule: a linear warmup (Goyal et al. 2017), then ReduceLROnPlateau on " + watched + ",");
        writer.Line("/// stepped after each epoch's evaluation.");
        writer.Line("/// </summary>");
        writer.Line("private static WarmupThenPlateau CreateSchedule(Config config) =>");
        writer.Line("    new WarmupThenPlateau(");
        for (var i = 0; i < plateau.Length; i++) writer.Line("        " + plateau[i] + (i == plateau.Length - 1 ? "," : ""));
        writer.Line("        config.WarmupEpochs, config.WarmupStart);");
    }
}
