using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrainDsl.Data;
using TrainDsl.Runs;

namespace TrainDsl.Export;

/// <summary>
/// An experiment's resolved recipe for PyTorch: the declared parts, the plan of the resolved Config (which holds it),
/// where the data's files are, and the teacher's weights. <see cref="ToJson"/> writes recipe.json, the contract
/// between <c>export-torch</c> and the exported train.py (format 1).
/// </summary>
public sealed record TorchRecipe
{
    /// <summary>recipe.json's "format": raised when a field changes meaning.</summary>
    public const int Format = 1;

    public required DeclaredParts Parts { get; init; }

    /// <summary>The plan TrainDsl computes for the same Config (plan.json); its Config is recipe.json's "config".</summary>
    public required RecipePlan Plan { get; init; }

    public required DataFiles Data { get; init; }

    /// <summary>With [Distill] on: the teacher's weights as safetensors (absolute path); null otherwise.</summary>
    public string? TeacherCheckpoint { get; init; }

    /// <summary>
    /// The recipe of <paramref name="plan"/>'s Config. Refuses, before loading anything, a source whose files TrainDsl cannot
    /// name (a user's IDataSource) and a teacher checkpoint PyTorch cannot read; then loads the data with
    /// <paramref name="load"/>, as Train does, so the plan holds what a run's plan.json holds (normalisation, image shape).
    /// </summary>
    public static TorchRecipe Create(DeclaredParts parts, RecipePlan plan, IDataSource source, DataOptions options,
        Func<DatasetSplits> load, string? teacherCheckpoint)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(load);
        var files = source.FilesFor(options) ?? throw new TrainDslException(
            $"{plan.Experiment} reads its data through its own IDataSource ({source.Name}), whose files export-torch cannot hand to PyTorch; " +
            "declare a built-in dataset or an ImageFolder to export it.");
        var teacher = Safetensors(teacherCheckpoint);
        using var data = load();
        return new TorchRecipe { Parts = parts, Plan = plan.WithLoadedData(data), Data = files, TeacherCheckpoint = teacher };
    }

    /// <summary>
    /// PyTorch reads safetensors, not TorchSharp's .bin: a .bin checkpoint is taken as the model.safetensors every run
    /// writes beside its model.bin.
    /// </summary>
    private static string? Safetensors(string? checkpoint)
    {
        if (string.IsNullOrEmpty(checkpoint)) return null;
        var full = Path.GetFullPath(checkpoint);
        if (full.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase)) return full;
        var beside = Path.ChangeExtension(full, ".safetensors");
        if (File.Exists(beside)) return beside;
        throw new TrainDslException(
            $"The teacher checkpoint '{full}' is a TorchSharp .bin, which PyTorch cannot load, and no '{Path.GetFileName(beside)}' is beside it; " +
            "set TeacherCheckpoint to the teacher run's model.safetensors (--set TeacherCheckpoint=PATH).");
    }

    /// <summary>
    /// Where the learning rate comes from, for the exported project: the linear scaling rule uses the global batch, which
    /// <paramref name="processes"/> processes share.
    /// </summary>
    public string LearningRateSource(int processes)
    {
        if (!Plan.LearningRateSource.StartsWith("linear scaling rule", StringComparison.Ordinal)) return Plan.LearningRateSource;
        int batch = Plan.BatchSize;
        var perProcess = batch % processes == 0 ? (batch / processes).ToString(CultureInfo.InvariantCulture) : batch + " / " + processes;
        var microBatches = Plan.AccumulationSteps is int steps && steps > 1 ? $" × {steps} micro-batches" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"linear scaling rule: 0.1 × global batch {Plan.EffectiveBatchSize} / 256 = {Plan.LearningRate:R} " +
            $"({perProcess} per process × {processes} processes{microBatches})");
    }

    /// <summary>recipe.json: indented UTF-8 JSON, camelCase keys except inside "config" and "plan"'s config.</summary>
    public string ToJson(int processes)
    {
        var plan = JsonNode.Parse(Plan.ToJson())!.AsObject();
        var recipe = new JsonObject
        {
            ["format"] = Format,
            ["experiment"] = Plan.Experiment,
            ["parts"] = PartsJson(),
            ["config"] = plan["config"]?.DeepClone(),
            ["plan"] = plan,
            ["data"] = DataJson(),
            ["batch"] = new JsonObject { ["global"] = Plan.BatchSize },
            ["learningRateSource"] = LearningRateSource(processes),
        };
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            recipe.WriteTo(writer);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private JsonObject PartsJson() => new()
    {
        ["data"] = Parts.Data,
        ["model"] = Parts.Model,
        ["augment"] = Strings(Parts.Augment),
        ["mixing"] = Strings(Parts.Mixing),
        ["loss"] = Parts.Loss,
        ["distill"] = Parts.Distill,
        ["teacher"] = Parts.TeacherModel is { } teacher
            ? new JsonObject { ["model"] = teacher, ["checkpoint"] = TeacherCheckpoint }
            : null,
        ["optimizer"] = Parts.Optimizer,
        ["schedule"] = Parts.Schedule,
        ["scheduleInterval"] = Parts.ScheduleInterval,
        ["metrics"] = Strings(Parts.Metrics),
        ["tricks"] = Strings(Parts.Tricks),
    };

    private JsonObject DataJson()
    {
        var data = new JsonObject { ["kind"] = Data.Kind };
        if (Data.TrainImages is not null)
        {
            data["trainImages"] = Data.TrainImages;
            data["trainLabels"] = Data.TrainLabels;
            data["testImages"] = Data.TestImages;
            data["testLabels"] = Data.TestLabels;
        }
        if (Data.Root is not null) data["root"] = Data.Root;
        data["classNames"] = Strings(Plan.ClassNames ?? []);
        if (Data.ImageSize is { } size) data["imageSize"] = size;
        if (Data.Channels is { } channels) data["channels"] = channels;
        if (Data.Cache is { } cache) data["cache"] = cache;
        if (Data.SplitSeed is { } seed) data["splitSeed"] = seed;
        return data;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
