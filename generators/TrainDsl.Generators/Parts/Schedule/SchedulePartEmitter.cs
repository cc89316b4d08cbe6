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
                plan.Schedule.Text("MultiStepLR(milestones [").Hole("config.Milestones")
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

        // Plateau's rates after the warmup depend on the metrics, so the plan lists them up to the first it decides.
        var epochs = IsPlateau ? Schedule.HasWarmup ? "config.WarmupEpochs + 1" : "1" : "config.Epochs";
        plan.EpochLearningRates.Add("LearningRatePlan.PerEpoch(");
        plan.EpochLearningRates.Add("    CreateSchedule(config, stepsPerEpoch), config.ResolvedLearningRate, " + epochs + ", stepsPerEpoch, perStep: "
            + CSharpLiteral.Bool(IsPerStep) + "),");
        if (IsPlateau)
        {
            var metric = MetricsPartEmitter.ColumnOf(Schedule.Monitor!);
            plan.Notes.Add(CSharpLiteral.String(Schedule.HasWarmup
                ? "The rates are listed through the warmup and the epoch after it: the base rate, then reduced on plateau of " + metric + "."
                : "Only the first epoch's rate is listed: the base rate, then reduced on plateau of " + metric + "."));
        }
    }

    /// <summary>A metric-driven schedule restores its state on resume; for the others it is empty.</summary>
    public override IEnumerable<string> ResumableState => IsConstant ? [] : ["schedule"];

    public override void WriteSetup(SourceWriter writer)
    {
        if (!IsConstant) writer.Line("var schedule = CreateSchedule(config, train.Count);");
    }

    public override void WriteEpochStart(SourceWriter writer)
    {
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
        if (IsPlateau) writer.Line("schedule.Observe(epoch, metrics." + MetricsPartEmitter.PropertyOf(Schedule.Monitor!) + ");");
    }

    public override IEnumerable<Action<SourceWriter>> Factories => [WriteCreateSchedule];

    /// <summary>CreateSchedule: the declared schedule, wrapped in the warmup when one is declared.</summary>
    private void WriteCreateSchedule(SourceWriter writer)
    {
        var stepped = IsPlateau ? "stepped after each epoch's evaluation"
            : Schedule.Interval == ScheduleInterval.PerStep ? "stepped every optimizer step" : "stepped once per epoch";
        var (name, creation) = Creation();
        writer.Summary(Schedule.HasWarmup ? "The declared schedule: " + name + " after a linear warmup (Goyal et al. 2017), " + stepped + "."
            : Schedule.Kind != ScheduleKind.Constant ? "The declared schedule: " + name + ", " + stepped + "."
            : Schedule.IsDeclared ? "The declared schedule: the base rate throughout."
            : "No [Schedule] is declared: the base rate throughout.");
        writer.Line("private static ILrSchedule CreateSchedule(Config config, int stepsPerEpoch) =>");
        if (!Schedule.HasWarmup)
        {
            for (var i = 0; i < creation.Length; i++) writer.Line("    " + creation[i] + (i == creation.Length - 1 ? ";" : ""));
            return;
        }
        // Cosine and Plateau restart their clock after the warmup (PyTorch's SequentialLR, and the hand-written
        // plateau loop); Step and MultiStep keep the absolute clock, so their milestones stay the epochs the user
        // wrote (ChainedScheduler).
        var restart = Schedule.Kind is ScheduleKind.Cosine or ScheduleKind.Plateau;
        writer.Line("    new LinearWarmup(");
        for (var i = 0; i < creation.Length; i++) writer.Line("        " + creation[i] + (i == creation.Length - 1 ? "," : ""));
        writer.Line("        warmup: " + WarmupLength + ",");
        writer.Line("        startFactor: config.WarmupStart" + (restart ? "," : ");"));
        if (restart) writer.Line("        restartInner: true);");
    }

    /// <summary>The schedule's name in comments, and the lines of the expression that creates it.</summary>
    private (string Name, string[] Lines) Creation()
    {
        switch (Schedule.Kind)
        {
            case ScheduleKind.Step:
                return ("StepLR", ["new StepLR(config.StepSize, config.ScheduleGamma)"]);
            case ScheduleKind.MultiStep:
                return ("MultiStepLR", ["new MultiStepLR(config.Milestones, config.ScheduleGamma)"]);
            case ScheduleKind.Cosine:
                return ("CosineAnnealingLR", ["new CosineAnnealingLR(", "    tMax: " + CosinePeriod("stepsPerEpoch") + ",", "    etaMin: config.MinLr)"]);
            case ScheduleKind.Plateau:
                var monitor = Schedule.Monitor!;
                var watched = "the test " + MetricsPartEmitter.Describe(monitor) + " (" + (MetricsPartEmitter.Maximizes(monitor) ? "higher" : "lower") + " is better)";
                return ("ReduceLROnPlateau on " + watched,
                [
                    "new ReduceLROnPlateau(config.ResolvedLearningRate, maximize: " + CSharpLiteral.Bool(MetricsPartEmitter.Maximizes(monitor)) + ",",
                    "    factor: config.PlateauFactor, patience: config.PlateauPatience, threshold: config.PlateauThreshold,",
                    "    cooldown: config.PlateauCooldown, minLr: config.MinLr)",
                ]);
            default:
                return ("the base rate", ["new ConstantSchedule()"]);
        }
    }
}
