using System.Collections.Generic;
using System.Linq;

namespace TrainDsl.Generators.Parts.Run;

/// <summary>[Experiment]: the run's length, batch size and seed, and which parts a derived experiment inherited.</summary>
internal sealed class RunPartEmitter(ResolvedExperiment experiment) : PartEmitter
{
    public override IEnumerable<ConfigProperty> ConfigProperties =>
    [
        ConfigProperty.Int("Epochs", experiment.Epochs, "Passes over the training set.", ExperimentPart.Options.RangeOf(nameof(ExperimentPart.Epochs))),
        ConfigProperty.Int("BatchSize", experiment.BatchSize,
            experiment.Accumulation is null ? "Images per optimizer step." : "Images per micro-batch; AccumulationSteps of them make an optimizer step.",
            ExperimentPart.Options.RangeOf(nameof(ExperimentPart.BatchSize))),
        new("Seed", "int", CSharpLiteral.Int(experiment.Seed), "Seeds the weights, the shuffling and every random choice of the recipe.", null),
    ];

    /// <summary>
    /// One note per base class naming the parts taken from it ("Inherited from FashionBaseline: Data, Model, MixUp"), so
    /// plan.json and the printed plan say where each part came from; the parts not named are the experiment's own.
    /// </summary>
    public override void ContributePlan(PlanBuilder plan)
    {
        foreach (var group in experiment.Inherited.GroupBy(o => o.From))
        {
            var line = "Inherited from " + group.Key + ":";
            var separator = " ";
            foreach (var origin in group)
            {
                // Notes of at most 120 characters, so each string literal of the generated plan fits a 140-column line.
                if (line.Length + separator.Length + origin.Part.Length > 120)
                {
                    plan.Notes.Add(CSharpLiteral.String(line + ","));
                    line = "Inherited from " + group.Key + ":";
                    separator = " ";
                }
                line += separator + origin.Part;
                separator = ", ";
            }
            plan.Notes.Add(CSharpLiteral.String(line));
        }
    }
}
