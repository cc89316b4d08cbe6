using System;
using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Schedule;

/// <summary>
/// [Schedule]: one code path for every kind. CreateSchedule returns an ILrSchedule (the kind's
/// <see cref="ScheduleOptions.Creation"/>, wrapped in a linear warmup, Goyal et al. 2017, §2.2, when one is declared);
/// the loop reads the rate once per epoch or once per step, hands a metric-driven kind each epoch's monitored
/// metric, and the plan lists the rates through the same factory. Without a schedule the optimizer keeps its
/// rate: no lines at all.
/// </summary>
internal sealed class SchedulePartEmitter(ResolvedExperiment experiment) : PartEmitter
{
    private ResolvedSchedule Schedule => experiment.Schedule;

    private bool IsPlateau => Schedule.Options is PlateauOptions;

    /// <summary>The schedule in the Train summary: "a per-step cosine schedule".</summary>
    public string Phrase => Schedule.Options.Phrase(Schedule) + (Schedule.HasWarmup ? " after a linear warmup" : "");

    /// <summary>The rate a step ran with, for <c>session.StepDone</c>.</summary>
    public string StepLearningRate => Schedule.IsConstant ? "config.ResolvedLearningRate" : "lr";

    public override IEnumerable<ConfigProperty> ConfigProperties
    {
        get
        {
            foreach (var property in Schedule.Options.ConfigProperties(Schedule)) yield return property;
            var options = SchedulePart.Options;
            if (Schedule.WarmupSteps > 0)
            {
                yield return ConfigProperty.Int("WarmupSteps", Schedule.WarmupSteps, "Linear warmup over this many optimizer steps; 0 for none.",
                    ConfigCheck.ZeroOrMore);
            }
            else if (Schedule.WarmupEpochs > 0)
            {
                yield return new ConfigProperty("WarmupEpochs", "int", CSharpLiteral.Int(Schedule.WarmupEpochs),
                    "Linear warmup over this many epochs; 0 for none.", Qualified.CheckOf(ConfigCheck.ZeroOrMore) + ", " + Qualified.CheckOf(ConfigCheck.BelowEpochs));
            }
            if (Schedule.HasWarmup)
            {
                yield return ConfigProperty.Double("WarmupStart", Schedule.WarmupStart,
                    "The warmup's first rate as a fraction of the base rate (LinearLR's start_factor).", options.RangeOf(nameof(SchedulePart.WarmupStart)));
            }
        }
    }

    public override void ContributePlan(PlanBuilder plan)
    {
        Schedule.Options.ContributePlan(plan.Schedule, Schedule);
        if (!Schedule.IsConstant) // a recipe without a schedule keeps its plain "constant"
        {
            if (Schedule.HasWarmup)
            {
                plan.Schedule.Text(" after a linear warmup over ").Hole(Schedule.WarmupSteps > 0 ? "config.WarmupSteps" : "config.WarmupEpochs")
                    .Text(Schedule.WarmupSteps > 0 ? " steps from " : " epochs from ").Hole("config.WarmupStart").Text(" × lr");
            }
            plan.Schedule.Text(Schedule.IsPerStep ? ", per step" : ", per epoch");
        }

        // Plateau's rates after the warmup depend on the metrics, so the plan lists them up to the first it decides.
        var epochs = IsPlateau ? Schedule.HasWarmup ? "config.WarmupEpochs + 1" : "1" : "config.Epochs";
        plan.LearningRates.Add("new " + Qualified.LearningRatePlan + "(");
        plan.LearningRates.Add("    CreateSchedule(config, stepsPerEpoch), config.ResolvedLearningRate, " + epochs + ", stepsPerEpoch, perStep: "
            + CSharpLiteral.Bool(Schedule.IsPerStep) + "),");
        if (Schedule.Options is PlateauOptions plateau)
        {
            var metric = plateau.Column;
            plan.Notes.Add(CSharpLiteral.String(Schedule.HasWarmup
                ? "The rates are listed through the warmup and the epoch after it: the base rate, then reduced on plateau of " + metric + "."
                : "Only the first epoch's rate is listed: the base rate, then reduced on plateau of " + metric + "."));
        }
    }

    /// <summary>A metric-driven schedule restores its state on resume; for the others it is empty.</summary>
    public override IEnumerable<string> ResumableState => Schedule.IsConstant ? [] : ["schedule"];

    public override void WriteSetup(SourceWriter writer)
    {
        if (Schedule.IsConstant) return;
        var steps = experiment.Accumulation is null ? "train.Count" : Qualified.GradientAccumulation + ".StepsPerEpoch(train.Count, config.AccumulationSteps)";
        writer.Statement("var schedule = CreateSchedule(", "config, " + steps + ");");
    }

    public override void WriteEpochStart(SourceWriter writer)
    {
        if (Schedule.IsConstant || Schedule.IsPerStep) return;
        writer.Line("double lr = schedule.At(epoch, config.ResolvedLearningRate);");
        writer.Line(Qualified.OptimizerExtensions + ".SetLearningRate(optimizer, lr);");
    }

    public override void WriteStepStart(SourceWriter writer)
    {
        if (!Schedule.IsPerStep) return;
        writer.Line("double lr = schedule.At(session.Steps, config.ResolvedLearningRate);");
        writer.Line(Qualified.OptimizerExtensions + ".SetLearningRate(optimizer, lr);");
    }

    public override void WriteEpochEnd(SourceWriter writer)
    {
        if (Schedule.Options is PlateauOptions plateau)
            writer.Line("schedule.Observe(epoch, " + MetricsPartEmitter.SelectedVariable(plateau.OnValidation) + "."
                + MetricsPartEmitter.PropertyOf(plateau.Monitor) + ");");
    }

    public override IEnumerable<Action<SourceWriter>> Factories => [WriteCreateSchedule];

    /// <summary>CreateSchedule: the declared schedule, wrapped in the warmup when one is declared.</summary>
    private void WriteCreateSchedule(SourceWriter writer)
    {
        var stepped = IsPlateau ? "stepped after each epoch's evaluation"
            : Schedule.IsPerStep ? "stepped every optimizer step" : "stepped once per epoch";
        var (name, creation) = Schedule.Options.Creation(Schedule);
        writer.Summary(Schedule.HasWarmup ? "The declared schedule: " + name + " after a linear warmup (Goyal et al. 2017), " + stepped + "."
            : Schedule.Options is not ConstantOptions ? "The declared schedule: " + name + ", " + stepped + "."
            : Schedule.IsDeclared ? "The declared schedule: the base rate throughout."
            : "No [Schedule] is declared: the base rate throughout.");
        writer.Line("public static " + Qualified.ILrSchedule + " CreateSchedule(Config config, int stepsPerEpoch) =>");
        if (!Schedule.HasWarmup)
        {
            for (var i = 0; i < creation.Length; i++) writer.Line("    " + creation[i] + (i == creation.Length - 1 ? ";" : ""));
            return;
        }
        var restart = Schedule.Options.RestartsAfterWarmup;
        writer.Line("    new " + Qualified.LinearWarmup + "(");
        for (var i = 0; i < creation.Length; i++) writer.Line("        " + creation[i] + (i == creation.Length - 1 ? "," : ""));
        writer.Line("        warmup: " + Schedule.WarmupLength + ",");
        writer.Line("        startFactor: config.WarmupStart" + (restart ? "," : ");"));
        if (restart) writer.Line("        restartInner: true);");
    }

    public override void ContributeExport(ExportBuilder export)
    {
        export.Schedule = Schedule.Kind.ToString();
        export.ScheduleInterval = Schedule.Interval.ToString();
    }
}
