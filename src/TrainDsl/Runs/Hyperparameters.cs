using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;

namespace TrainDsl.Runs;

/// <summary>
/// Every hyperparameter of a generated <c>Config</c> record, read from its settable properties in declaration
/// order: overriding them at run time, checking them against their <see cref="CheckAttribute"/>s, and listing
/// them by name for plan.json. The generated code describes each property (type, default, checks); what is the
/// same for every experiment lives here, so each experiment compiles only its description.
/// </summary>
public static class Hyperparameters
{
    private sealed record Setting(PropertyInfo Property, CheckAttribute? Check);

    private static readonly ConcurrentDictionary<Type, Setting[]> SettingsByType = new();

    private static readonly MethodInfo CloneMethod =
        typeof(object).GetMethod("MemberwiseClone", BindingFlags.Instance | BindingFlags.NonPublic)!;

    private static Setting[] SettingsOf([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type) =>
        SettingsByType.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .OrderBy(p => p.MetadataToken) // declaration order
            .Select(p => new Setting(p, p.GetCustomAttribute<CheckAttribute>()))
            .ToArray());

    /// <summary>
    /// A copy of <paramref name="config"/> with the overrides applied: the common ones (<c>--epochs</c>, ...) where
    /// the config has them, then each <c>--set Name=value</c>, parsed as the property's type.
    /// </summary>
    public static TConfig Override<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TConfig>(
        TConfig config, ConfigOverrides overrides, string experiment) where TConfig : class
    {
        var settings = SettingsOf(typeof(TConfig));
        var copy = (TConfig)CloneMethod.Invoke(config, null)!;
        foreach (var (name, value) in Common(overrides))
        {
            if (value is not null && Array.Find(settings, s => s.Property.Name == name) is { } setting) setting.Property.SetValue(copy, value);
        }
        foreach (var (name, text) in overrides.Values)
        {
            var setting = Array.Find(settings, s => s.Property.Name == name)
                ?? throw ConfigOverrides.Unknown(experiment, name, settings.Select(s => s.Property.Name));
            setting.Property.SetValue(copy, Parse(setting.Property.PropertyType, experiment, name, text));
        }
        return copy;
    }

    private static IEnumerable<(string Name, object? Value)> Common(ConfigOverrides overrides) =>
    [
        (nameof(overrides.Epochs), overrides.Epochs),
        (nameof(overrides.BatchSize), overrides.BatchSize),
        (nameof(overrides.Seed), overrides.Seed),
        (nameof(overrides.TrainLimit), overrides.TrainLimit),
        (nameof(overrides.TestLimit), overrides.TestLimit),
        (nameof(overrides.LearningRate), overrides.LearningRate),
    ];

    private static object? Parse(Type type, string experiment, string name, string text) =>
        (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(int) => ConfigOverrides.ParseInt(experiment, name, text),
            var t when t == typeof(double) => ConfigOverrides.ParseDouble(experiment, name, text),
            var t when t == typeof(bool) => ConfigOverrides.ParseBool(experiment, name, text),
            var t when t == typeof(int[]) => ConfigOverrides.ParseIntList(experiment, name, text),
            var t when t == typeof(double[]) => ConfigOverrides.ParseDoubleList(experiment, name, text),
            _ => text,
        };

    /// <summary>Every hyperparameter by name, in declaration order; LearningRate is the rate in force (ResolvedLearningRate).</summary>
    public static IReadOnlyDictionary<string, object?> ByName<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TConfig>(
        TConfig config) where TConfig : class
    {
        var values = new Dictionary<string, object?>();
        foreach (var setting in SettingsOf(typeof(TConfig)))
        {
            var property = setting.Property.Name == "LearningRate" ? typeof(TConfig).GetProperty("ResolvedLearningRate") ?? setting.Property : setting.Property;
            values[setting.Property.Name] = property.GetValue(config);
        }
        return values;
    }

    /// <summary>
    /// Checks the values set at run time against the rules the analyzer applies at compile time; the first broken
    /// rule throws a <see cref="TrainDslException"/> of one sentence naming the experiment, the setting and the value.
    /// </summary>
    public static void Validate<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TConfig>(
        TConfig config, string experiment) where TConfig : class
    {
        foreach (var setting in SettingsOf(typeof(TConfig)))
        {
            if (setting.Check is not { } check) continue;
            var name = setting.Property.Name;
            var value = setting.Property.GetValue(config);
            foreach (var rule in check.Checks)
            {
                if (Problem(rule, check, name, value, config) is { } problem)
                    throw new TrainDslException($"{experiment}: {problem}; fix the attribute or the override.");
            }
        }
    }

    private static string? Problem(ConfigCheck rule, CheckAttribute check, string name, object? value, object config)
    {
        switch (value)
        {
            case null:
                return null; // an optional value left out (LearningRate, TeacherCheckpoint)
            case double[] list:
                foreach (var element in list)
                    if (!ValueRanges.Contains(rule, element)) return Invariant($"{name} values must each {ValueRanges.Must(rule)}, got {element}");
                return null;
            case int[] list when rule == ConfigCheck.Milestones:
                if (list.Length == 0) return $"{name} must list at least one {check.Unit}";
                foreach (var element in list)
                    if (element < 1) return Invariant($"{name} must each be at least 1, got {element}");
                return null;
            case string text:
                return text.Length > 0 ? null
                    : rule == ConfigCheck.TeacherFileOrNewestRun ? $"{name} must name a model.bin file, or be left out to use the newest run of {check.Teacher}"
                    : $"{name} must name the teacher's model.bin file";
            case bool on:
                return rule == ConfigCheck.NeedsMomentum && on && Convert.ToDouble(Other(config, "Momentum"), CultureInfo.InvariantCulture) == 0
                    ? "Nesterov momentum needs Momentum > 0" : null;
        }
        double v = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        if (rule is ConfigCheck.Milestones or ConfigCheck.NeedsMomentum or ConfigCheck.TeacherFile or ConfigCheck.TeacherFileOrNewestRun)
            throw new ArgumentOutOfRangeException(nameof(rule), rule, $"{rule} does not apply to {name}");
        bool ok = ValueRanges.Contains(rule, v);
        string must = ValueRanges.Must(rule);
        if (!ok) return Invariant($"{name} must {must}, got {value}");
        if (rule == ConfigCheck.BelowEpochs && Other(config, "Epochs") is int epochs && v >= epochs)
            return Invariant($"{name} ({value}) must be below Epochs ({epochs})");
        if (rule == ConfigCheck.NotAboveOther && Other(config, check.Other) is double high && v > high)
            return Invariant($"{name} ({value}) must not be above {check.Other} ({high})");
        return null;
    }

    private static object? Other(object config, string name) => config.GetType().GetProperty(name)?.GetValue(config);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
