using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Ema;

/// <summary>
/// [Ema]: an averaged copy of the weights (timm's ModelEmaV2), updated after every optimizer step. Each epoch evaluates
/// it, best.bin and model.bin hold it, and a resume point's weights file holds it next to the trained weights, so a
/// resumed run continues both. The trained model itself is what the optimizer and the mixed-precision copy see.
/// </summary>
internal sealed class EmaPartEmitter(ResolvedExperiment experiment) : PartEmitter
{
    private ResolvedEma? Ema => experiment.Ema;


    public override IEnumerable<ConfigProperty> ConfigProperties
    {
        get
        {
            if (Ema is null) yield break;
            var options = EmaPart.Options;
            yield return ConfigProperty.Double("EmaDecay", Ema.Decay, "Weight EMA: ema = d·ema + (1 − d)·weight after each optimizer step, d this.",
                options.RangeOf(nameof(EmaPart.Decay)));
            yield return ConfigProperty.Int("EmaWarmupSteps", Ema.WarmupSteps,
                "Weight EMA: optimizer steps over which d rises to EmaDecay (timm ModelEmaV3's warmup); 0 for none.", options.RangeOf(nameof(EmaPart.WarmupSteps)));
            yield return ConfigProperty.Double("EmaWarmupPower", Ema.WarmupPower, "Weight EMA: the power of the warmup curve.",
                options.RangeOf(nameof(EmaPart.WarmupPower)));
        }
    }

    public override void ContributePlan(PlanBuilder plan)
    {
        if (Ema is null) return;
        plan.Model.Text(", evaluated and saved as an EMA of its weights (decay ").Hole("config.EmaDecay")
            .Text(", warmup over ").Hole("config.EmaWarmupSteps").Text(" steps, power ").Hole("config.EmaWarmupPower").Text(")");
    }

    public override void WriteSetup(SourceWriter writer)
    {
        if (Ema is null) return;
        writer.Line("// What each epoch evaluates and best.bin and model.bin hold: an EMA of the weights, buffers included (timm's ModelEmaV2).");
        writer.Statement("using var ema = new " + Qualified.ModelEma + "(", "model, () => CreateModel(data.Train.Channels, data.Train.Classes),");
        writer.Line("    new " + Qualified.EmaDecay + "(config.EmaDecay, config.EmaWarmupSteps, config.EmaWarmupPower));");
    }

    /// <summary>The update count, on which the warmup depends; the averaged weights go into the weights file.</summary>
    public override IEnumerable<string> ResumableState => Ema is null ? [] : ["ema"];

    /// <summary>What a resume point's weights file holds: the model, or the model and its average together.</summary>
    public string ResumeWeights => Ema is null ? "model" : "ema.ResumeWeights(model)";

    public override void WriteAfterStep(SourceWriter writer)
    {
        if (Ema is not null) writer.Line("ema.Update();");
    }

    /// <summary>The model the epoch evaluates, given the one it would evaluate without [Ema].</summary>
    public string Evaluated(string otherwise) => Ema is null ? otherwise : "ema.Module";

    /// <summary>The weights best.bin and model.bin hold.</summary>
    public string Saved => Ema is null ? "model" : "ema.Module";

    public override void ContributeExport(ExportBuilder export)
    {
        if (Ema is not null) export.Tricks.Add("Ema");
    }
}
