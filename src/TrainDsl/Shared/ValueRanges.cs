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
    // Upper bounds: values that pass every other check but cannot run are refused before anything is allocated.

    /// <summary>
    /// The most epochs a run may declare: the plan lists the rate of every epoch up to this many (LearningRatePlan's
    /// MaxListedEpochs), and the recipes TrainDsl follows train for 6 to 300.
    /// </summary>
    public const int MaxEpochs = 10_000;

    /// <summary>
    /// The largest batch: 65,536, the largest in the large-batch literature TrainDsl follows (LAMB, You et al. 2020);
    /// a batch of 65,536 CIFAR images is already 0.8 GB of floats before any activation.
    /// </summary>
    public const int MaxBatchSize = 65_536;

    /// <summary>
    /// The largest image side: a batch of 256 RGB float images of 1024 × 1024 is already 3 GB (256 · 3 · 1024² · 4 bytes),
    /// and a decoded image folder at a larger size would not fit in memory either.
    /// </summary>
    public const int MaxImageSize = 1024;

    /// <summary>Whether <paramref name="value"/> lies in the range; checks that are not ranges accept every number.</summary>
    public static bool Contains(ConfigCheck range, double value) => range switch
    {
        ConfigCheck.AtLeastOne => value >= 1,
        ConfigCheck.Epochs => value >= 1 && value <= MaxEpochs,
        ConfigCheck.BatchSize => value >= 1 && value <= MaxBatchSize,
        ConfigCheck.ImageSize => value >= 1 && value <= MaxImageSize,
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
        ConfigCheck.Epochs => "1 to 10,000 epochs",
        ConfigCheck.BatchSize => "1 to 65,536 images",
        ConfigCheck.ImageSize => "1 to 1,024 pixels",
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
        ConfigCheck.Epochs => "be 1 to 10,000 epochs",
        ConfigCheck.BatchSize => "be 1 to 65,536 images",
        ConfigCheck.ImageSize => "be 1 to 1,024 pixels",
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
