using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrainDsl.Runs;

/// <summary>
/// A run's settings as read from its plan.json: the recipe's parts (Dataset, Model, Loss, ...) and every Config
/// hyperparameter, flattened to one name each, with values a bool, a double or a string (a list is its JSON text).
/// TensorBoard's hparams and <c>compare</c>'s "settings that differ" both list these.
/// </summary>
public static class PlanSettings
{
    // Identity, data the loading found, and derived lists: none is a setting one chooses.
    private static readonly HashSet<string> NotSettings = new(StringComparer.OrdinalIgnoreCase) // plan.json's names are camelCase
    {
        nameof(RecipePlan.Experiment), nameof(RecipePlan.ClassNames), nameof(RecipePlan.NormalizeMean),
        nameof(RecipePlan.NormalizeStd), nameof(RecipePlan.EpochLearningRates), nameof(RecipePlan.StepLearningRates),
        nameof(RecipePlan.Notes), nameof(RecipePlan.StepsPerEpoch), nameof(RecipePlan.Config),
    };

    /// <summary>The settings of <paramref name="plan"/>, in plan.json's order; a Config entry replaces a part of the same name.</summary>
    public static IReadOnlyList<KeyValuePair<string, object>> Of(RecipePlan plan) =>
        Of(JsonNode.Parse(plan.ToJson())!.AsObject());

    /// <summary>The settings of a plan.json, named as the C# properties (Model, Momentum); null values are left out.</summary>
    public static IReadOnlyList<KeyValuePair<string, object>> Of(JsonObject plan)
    {
        var settings = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, node) in plan)
            if (!NotSettings.Contains(name) && Value(node) is { } value) settings[char.ToUpperInvariant(name[0]) + name[1..]] = value;
        if (plan[JsonNamingPolicy.CamelCase.ConvertName(nameof(RecipePlan.Config))] is JsonObject config)
            foreach (var (name, node) in config)
                if (Value(node) is { } value) settings[name] = value;
                else settings.Remove(name);
        return [.. settings];
    }

    /// <summary>A setting's value as a table shows it.</summary>
    public static string Format(object value) => value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("G10", CultureInfo.InvariantCulture),
        _ => (string)value,
    };

    private static object? Value(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => node.GetValue<double>(),
        JsonValueKind.String => node.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
