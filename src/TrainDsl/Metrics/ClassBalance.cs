using System.Globalization;

namespace TrainDsl.Metrics;

/// <summary>
/// How imbalanced a training set is, as n_max / n_min (the imbalance ratio ρ of Buda et al. 2018 and of the
/// long-tailed benchmarks, Cui et al. 2019), and whether accuracy alone will hide how rare classes fare.
/// </summary>
public static class ClassBalance
{
    /// <summary>
    /// ρ at or above which a set counts as imbalanced. At 3:1 plain accuracy already weighs the largest class
    /// three times the smallest, so a model can neglect a rare class at little cost in accuracy, and macro-averaged
    /// metrics start to tell a different story. Balanced image sets stay far below it (MNIST's training classes
    /// range from 5,421 to 6,742 images, ρ ≈ 1.24) and long-tailed benchmarks far above (ρ = 10 to 200).
    /// </summary>
    public const double Threshold = Defaults.ImbalanceThreshold;

    /// <summary>
    /// ρ = largest class count / smallest class count; +∞ when a class has no images, 1 for a single class.
    /// </summary>
    public static double ImbalanceRatio(IReadOnlyList<long> classCounts)
    {
        ArgumentNullException.ThrowIfNull(classCounts);
        if (classCounts.Count == 0)
            throw new ArgumentException("The imbalance ratio needs the image count of at least one class.", nameof(classCounts));
        long max = 0, min = long.MaxValue;
        foreach (var n in classCounts)
        {
            if (n < 0)
                throw new ArgumentOutOfRangeException(nameof(classCounts), n, "Class image counts cannot be negative.");
            max = Math.Max(max, n);
            min = Math.Min(min, n);
        }
        if (max == 0)
            throw new ArgumentException("Every class has 0 images, so there is no imbalance ratio; check the training set.", nameof(classCounts));
        return min == 0 ? double.PositiveInfinity : (double)max / min;
    }

    /// <summary>True when <see cref="ImbalanceRatio"/> ≥ <see cref="Threshold"/>.</summary>
    public static bool IsImbalanced(IReadOnlyList<long> classCounts) => ImbalanceRatio(classCounts) >= Threshold;

    /// <summary>
    /// One sentence recommending macro-F1 or balanced accuracy when the set is imbalanced and none of the declared
    /// metrics weighs classes equally (an empty list means accuracy, the default); null otherwise. Metric names are
    /// <see cref="MetricKind"/> names ("Accuracy", "TopK", "MacroF1", "BalancedAccuracy", …), matched ignoring
    /// case, '_' and '-'.
    /// </summary>
    public static string? AccuracyWarning(IReadOnlyList<long> counts, IEnumerable<string> declaredMetrics)
    {
        ArgumentNullException.ThrowIfNull(declaredMetrics);
        double ratio = ImbalanceRatio(counts);
        if (ratio < Threshold) return null;
        if (declaredMetrics.Any(m => IsClassBalanced(m))) return null;

        string how = double.IsPositiveInfinity(ratio)
            ? "at least one class has no training images"
            : $"its largest class has {ratio.ToString("0.#", CultureInfo.InvariantCulture)} times the images of its smallest";
        return $"The training set is imbalanced ({how}), so accuracy mostly reflects the large classes; " +
               "add [Metric(MetricKind.MacroF1)] or [Metric(MetricKind.BalancedAccuracy)], which weigh every class equally.";
    }

    // Weighted F1 and top-k weigh classes by their frequency, like accuracy; only these average over classes.
    private static bool IsClassBalanced(string metric)
    {
        if (metric is null) return false;
        var name = metric[(metric.LastIndexOf('.') + 1)..];
        var key = new string(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        return key is "macrof1" or "balancedaccuracy";
    }
}
