using System;
using System.Collections.Generic;
using System.Linq;

namespace TrainDsl.Generators.Parts.Mixing;

/// <summary>
/// [MixUp], [CutMix], [FMix] and [Mixing]: one MixingPolicy that mixes each training batch and makes its
/// soft targets (with the loss's label smoothing folded in, so it is applied exactly once). Evaluation is unchanged.
/// </summary>
internal sealed class MixingPartEmitter(ResolvedExperiment experiment) : PartEmitter
{
    private ResolvedMixing? Mixing => experiment.Mixing;


    /// <summary>"MixUp and CutMix", for the Train summary; empty without mixing.</summary>
    public string Phrase
    {
        get
        {
            if (Mixing is null) return "";
            var names = Mixing.Methods.Select(m => m.Kind.ToString()).ToList();
            return names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[names.Count - 1];
        }
    }

    private static string AlphaName(ResolvedMixMethod method) => method.Kind + "Alpha";

    public override IEnumerable<ConfigProperty> ConfigProperties
    {
        get
        {
            if (Mixing is null) yield break;
            yield return Switches.Property(Switches.Mixing, "Mixing (" + Phrase + ") of training batches");
            foreach (var method in Mixing.Methods)
            {
                yield return ConfigProperty.Positive(AlphaName(method), method.Alpha, method.Kind + ": α of the Beta(α, α) that λ is drawn from.");
                if (method.Kind == MixMethodKind.FMix)
                    yield return ConfigProperty.Positive("FMixDecayPower", method.DecayPower, "FMix: δ of the mask's 1/f^δ spectrum.");
            }
            if (Mixing.Probability is { } probability)
                yield return ConfigProperty.Probability("MixProbability", probability, "The chance that a training batch is mixed at all.");
            if (Mixing.SwitchProbability is { } switchProbability)
                yield return ConfigProperty.Probability("SwitchProbability", switchProbability,
                    "The chance that a mixed batch uses another method than " + Mixing.Methods[0].Kind + ", the first declared.");
        }
    }

    public override void ContributePlan(PlanBuilder plan)
    {
        if (Mixing is null) return;
        for (var i = 0; i < Mixing.Methods.Count; i++)
        {
            var method = Mixing.Methods[i];
            plan.Dataset.Text(i == 0 ? ", " : " or ").Text(method.Kind + " (alpha ").Hole("config." + AlphaName(method));
            if (method.Kind == MixMethodKind.FMix) plan.Dataset.Text(", decay power ").Hole("config.FMixDecayPower");
            plan.Dataset.Text(")");
        }
        if (Mixing.SwitchProbability is not null) plan.Dataset.Text(", switch probability ").Hole("config.SwitchProbability");
        if (Mixing.Probability is not null) plan.Dataset.Text(", mix probability ").Hole("config.MixProbability");
        plan.Dataset.Off(Switches.Mixing);
    }

    public override IEnumerable<string> ResumableState => experiment.Mixing is null ? [] : ["mixing"];

    public override void WriteSetup(SourceWriter writer)
    {
        if (Mixing is null) return;
        var methods = Mixing.Methods.Select(m => m.Kind == MixMethodKind.FMix
            ? "new " + Qualified.FMix + "(config.FMixAlpha, config.FMixDecayPower)"
            : "new " + (m.Kind == MixMethodKind.MixUp ? Qualified.MixUp : Qualified.CutMix) + "(config." + AlphaName(m) + ")");
        var arguments = new List<string> { "data.Train.Classes" };
        if (experiment.Loss.LabelSmoothing is not null)
        {
            writer.Line("// Label smoothing is applied once, to the one-hot rows the mixed targets are made of.");
            arguments.Add("labelSmoothing: config.LabelSmoothing");
        }
        arguments.Add("mixProbability: config." + Switches.Mixing + " ? " + (Mixing.Probability is not null ? "config.MixProbability" : "1") + " : 0");
        if (Mixing.SwitchProbability is not null) arguments.Add("switchProbability: config.SwitchProbability");
        arguments.Add("seed: config.Seed + MixingSeedOffset");

        writer.Line("// With Mixing off no batch is mixed: the images pass unchanged, the targets are their one-hot rows.");
        writer.Line("using var mixing = new " + Qualified.MixingPolicy + "(");
        // The methods on one line when it fits, else one a line.
        var list = "[" + string.Join(", ", methods) + "]";
        if (writer.Fits("    " + list + ",")) writer.Line("    " + list + ",");
        else
        {
            writer.Line("    [");
            foreach (var method in methods) writer.Line("        " + method + ",");
            writer.Line("    ],");
        }
        for (var i = 0; i < arguments.Count; i++)
        {
            writer.Line("    " + arguments[i] + (i == arguments.Count - 1 ? ");" : ","));
        }
    }

    public override void WriteStepInputs(SourceWriter writer, StepFlow flow)
    {
        if (Mixing is null) return;
        writer.Line("var mixed = mixing.Mix(" + flow.Images + ", batch.Labels);");
        flow.Images = "mixed.Images";
        flow.Targets = "mixed.Targets";
    }

    public override IEnumerable<Action<SourceWriter>> Constants
        => Mixing is null ? [] : [w => SeedOffsets.Write(w, "MixingSeedOffset", SeedOffsets.Mixing, "MixingPolicy")];

    public override void ContributeExport(ExportBuilder export)
    {
        if (Mixing is not null) export.Mixing.AddRange(Mixing.Methods.Select(m => m.Kind.ToString()));
    }
}
