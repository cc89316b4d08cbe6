using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Run;

/// <summary>[Experiment]: the run's length, batch size and seed.</summary>
internal sealed class RunPartEmitter(ResolvedExperiment experiment) : PartEmitter
{
    public override IEnumerable<ConfigProperty> ConfigProperties =>
    [
        ConfigProperty.AtLeastOne("Epochs", experiment.Epochs, "Passes over the training set."),
        ConfigProperty.AtLeastOne("BatchSize", experiment.BatchSize,
            experiment.Accumulation is null ? "Images per optimizer step." : "Images per micro-batch; AccumulationSteps of them make an optimizer step."),
        new("Seed", "int", CSharpLiteral.Int(experiment.Seed), "Seeds the weights, the shuffling and every random choice of the recipe.", null),
    ];
}
