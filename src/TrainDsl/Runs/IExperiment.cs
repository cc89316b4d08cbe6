namespace TrainDsl.Runs;

/// <summary>
/// An experiment as the command line sees it. The generator implements it for every
/// [Experiment] class as its nested <c>Runner</c>.
/// </summary>
public interface IExperiment
{
    string Name { get; }

    /// <summary>The resolved recipe, without loading data or touching libtorch.</summary>
    RecipePlan Plan(ConfigOverrides overrides);

    RunSummary Train(ConfigOverrides overrides, RunSettings settings);

    /// <summary>Test-set metrics of the weights in <paramref name="checkpoint"/>, in declaration order.</summary>
    IReadOnlyList<KeyValuePair<string, double>> Evaluate(ConfigOverrides overrides, RunSettings settings, string checkpoint);
}
