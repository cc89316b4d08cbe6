namespace TrainDsl.Ablation;

/// <summary>
/// One variant of an ablation: the declared recipe with some tricks switched off, as Config settings
/// (<c>--set</c> style <c>Name=value</c>). The generator derives the variants from the resolved recipe and checks each
/// against the analyzer's rules; a variant those rules reject carries the reason in <see cref="Skipped"/> and is not trained.
/// </summary>
/// <param name="Name">The row's label: "no mixing", "+ warmup", "baseline".</param>
/// <param name="Settings">The Config overrides, each <c>Name=value</c>: <c>Mixing=false</c>, <c>WarmupEpochs=0</c>.</param>
/// <param name="Skipped">Why the rules reject this variant; null when it is trained.</param>
public sealed record AblationVariant(string Name, IReadOnlyList<string> Settings, string? Skipped = null)
{
    /// <summary>A variant that is trained.</summary>
    public static AblationVariant Of(string name, params string[] settings) => new(name, settings);

    /// <summary>A variant the rules reject, with the reason (the diagnostic's ID and message).</summary>
    public static AblationVariant Rejected(string name, string reason, params string[] settings) => new(name, settings, reason);

    /// <summary>The settings by name, for <see cref="Runs.ConfigOverrides.Values"/>.</summary>
    public IReadOnlyDictionary<string, string> SettingValues =>
        Settings.Select(s => s.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);

    /// <summary><paramref name="overrides"/> (the budget flags) with this variant's settings added; a variant's setting wins.</summary>
    public Runs.ConfigOverrides Apply(Runs.ConfigOverrides overrides)
    {
        var values = new Dictionary<string, string>(overrides.Values, StringComparer.Ordinal);
        foreach (var (name, value) in SettingValues) values[name] = value;
        return overrides with { Values = values };
    }
}
