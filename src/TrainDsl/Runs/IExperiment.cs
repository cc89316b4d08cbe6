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

    /// <summary>The resolved recipe with the data found under <paramref name="settings"/>' data root (an image folder's classes and size).</summary>
    RecipePlan Plan(ConfigOverrides overrides, RunSettings settings) => Plan(overrides);

    RunSummary Train(ConfigOverrides overrides, RunSettings settings);

    /// <summary>Test-set metrics of the weights in <paramref name="checkpoint"/>, in declaration order.</summary>
    IReadOnlyList<KeyValuePair<string, double>> Evaluate(ConfigOverrides overrides, RunSettings settings, string checkpoint);

    /// <summary>The experiment's data, loaded as <see cref="Train"/> loads it (limits included); the caller disposes it.</summary>
    Data.DatasetSplits LoadData(ConfigOverrides overrides, RunSettings settings) =>
        throw new NotSupportedException($"{Name} does not load its data outside training.");

    /// <summary>
    /// The declared recipe without each declared trick in turn (mixing, label smoothing, distillation, zero-γ, no bias decay,
    /// warmup, [Amp], crop, flip), as Config overrides the generator derives from the resolved recipe (<c>ablate</c>).
    /// </summary>
    IReadOnlyList<Ablation.AblationVariant> Ablation => [];

    /// <summary>The plain baseline (every declared trick off), then the baseline with each trick alone (<c>ablate --add</c>).</summary>
    IReadOnlyList<Ablation.AblationVariant> Additions => [];

    /// <summary>The weights in <paramref name="checkpoint"/>, ready to classify images as evaluation does; the caller disposes it.</summary>
    Predict.Predictor LoadPredictor(ConfigOverrides overrides, RunSettings settings, string checkpoint) =>
        throw new NotSupportedException($"{Name} does not predict.");

    /// <summary>
    /// The grid declared with [Sweep], which <c>sweep</c> trains without --set: each Config property and its values as
    /// <c>--set</c> takes them (invariant culture); empty when none.
    /// </summary>
    IReadOnlyList<(string Name, string[] Values)> DeclaredSweep => [];

    /// <summary>The declared parts by kind (export-torch); null for an experiment generated without them.</summary>
    Export.DeclaredParts? DeclaredParts => null;

    /// <summary>The resolved recipe for PyTorch: parts, plan and the data's files (export-torch).</summary>
    Export.TorchRecipe ExportRecipe(ConfigOverrides overrides, RunSettings settings) =>
        throw new NotSupportedException($"{Name} cannot be exported to PyTorch.");
}
