using System.Globalization;

namespace TrainDsl.Runs;

/// <summary>
/// Values that replace an experiment's declared hyperparameters at run time, without recompiling:
/// the common ones by name, any other Config property through <see cref="Values"/> (<c>--set Name=value</c>).
/// </summary>
public sealed record ConfigOverrides
{
    public int? Epochs { get; init; }
    public int? BatchSize { get; init; }
    public double? LearningRate { get; init; }
    public int? Seed { get; init; }
    public int? TrainLimit { get; init; }
    public int? TestLimit { get; init; }

    /// <summary>Config property name to value, as typed on the command line.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    public static ConfigOverrides None { get; } = new();

    public static int ParseInt(string experiment, string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
        : throw Bad(experiment, name, value, "a whole number");

    public static double ParseDouble(string experiment, string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
        : throw Bad(experiment, name, value, "a number such as 0.05");

    public static bool ParseBool(string experiment, string name, string value) =>
        bool.TryParse(value, out var v) ? v : throw Bad(experiment, name, value, "true or false");

    public static int[] ParseIntList(string experiment, string name, string value)
    {
        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++) result[i] = ParseInt(experiment, name, parts[i]);
        return result;
    }

    public static double[] ParseDoubleList(string experiment, string name, string value)
    {
        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++) result[i] = ParseDouble(experiment, name, parts[i]);
        return result;
    }

    public static TrainDslException Unknown(string experiment, string name, IEnumerable<string> known) =>
        new($"{experiment} has no setting '{name}'; settable names are {string.Join(", ", known)}.");

    private static TrainDslException Bad(string experiment, string name, string value, string expected) =>
        new($"Setting {name} of {experiment} to '{value}' failed: expected {expected}.");
}
