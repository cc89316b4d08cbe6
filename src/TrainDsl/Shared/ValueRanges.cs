// Shared source: compiled into the runtime and linked into the generator (see RecipeKinds.cs).
#if TRAINDSL_GENERATOR
namespace TrainDsl.Generators;
#else
namespace TrainDsl.Runs;
#endif

/// <summary>
/// The numeric ranges of <see cref="ConfigCheck"/>: what the analyzer accepts in an attribute (TD0004), what a
/// run accepts from an override, and what the runtime's classes accept from their callers. NaN lies in none.
/// </summary>
internal static class ValueRanges
{
    /// <summary>Whether <paramref name="value"/> lies in the range; checks that are not ranges accept every number.</summary>
    public static bool Contains(ConfigCheck range, double value) => range switch
    {
        ConfigCheck.AtLeastOne => value >= 1,
        ConfigCheck.AllOrMore or ConfigCheck.WholeRunOrMore => value >= 0,
        ConfigCheck.ZeroOrMore => value >= 0 && !double.IsInfinity(value),
        ConfigCheck.Positive => value > 0 && !double.IsInfinity(value),
        ConfigCheck.Fraction => value >= 0 && value < 1,
        ConfigCheck.Probability => value >= 0 && value <= 1,
        ConfigCheck.Shrinking => value > 0 && value < 1,
        ConfigCheck.StartFactor => value > 0 && value <= 1,
        ConfigCheck.BalancedOrMore => value >= 1 && !double.IsInfinity(value),
        ConfigCheck.Channels => value is 1 or 3,
        _ => !double.IsNaN(value),
    };

    /// <summary>The range as a compile-time diagnostic says it: "a value in [0, 1)".</summary>
    public static string Describe(ConfigCheck range) => range switch
    {
        ConfigCheck.AtLeastOne => "a value ≥ 1",
        ConfigCheck.AllOrMore or ConfigCheck.WholeRunOrMore or ConfigCheck.ZeroOrMore => "a value ≥ 0",
        ConfigCheck.Positive => "a value > 0",
        ConfigCheck.Fraction => "a value in [0, 1)",
        ConfigCheck.Probability => "a value in [0, 1]",
        ConfigCheck.Shrinking => "a value in (0, 1)",
        ConfigCheck.StartFactor => "a value in (0, 1]",
        ConfigCheck.BalancedOrMore => "a value ≥ 1 (1 keeps the classes balanced)",
        ConfigCheck.Channels => "1 (grayscale) or 3 (RGB)",
        _ => "a number",
    };

    /// <summary>The range as a run-time error says it: "must be in [0, 1)".</summary>
    public static string Must(ConfigCheck range) => range switch
    {
        ConfigCheck.AtLeastOne => "be at least 1",
        ConfigCheck.AllOrMore => "be 0 (all) or more",
        ConfigCheck.ZeroOrMore => "be 0 or more",
        ConfigCheck.Positive => "be a positive number",
        ConfigCheck.Fraction => "be in [0, 1)",
        ConfigCheck.Probability => "be in [0, 1]",
        ConfigCheck.Shrinking => "be in (0, 1)",
        ConfigCheck.StartFactor => "be in (0, 1]",
        ConfigCheck.WholeRunOrMore => "be 0 (the whole run) or more",
        ConfigCheck.BalancedOrMore => "be 1 (balanced) or more",
        ConfigCheck.Channels => "be 1 (grayscale) or 3 (RGB)",
        _ => "be a number",
    };
}
