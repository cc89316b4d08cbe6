namespace TrainDsl.EndToEnd.Tests;

/// <summary>
/// Tests that train and compare runs. Model initialisation draws from libtorch's one process-wide generator
/// (torch.manual_seed), so a model built on another test thread in between would change the weights; these
/// tests therefore run one at a time, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TrainingCollection
{
    public const string Name = "Training, one run at a time";
}
