using static TorchSharp.torch;

namespace TrainDsl.Data;

/// <summary>
/// Long-tailed training subset with the exponential profile of Cui et al. 2019 ("Class-Balanced Loss
/// Based on Effective Number of Samples", CIFAR-LT): class c keeps n_c = ⌊n_max · ratio^(−c/(C−1))⌋
/// images, from n_max for class 0 down to n_max/ratio for class C−1. Only the training set is
/// reduced; the test set stays balanced.
/// </summary>
public static class LongTail
{
    /// <summary>n_c for c = 0..C−1, computed as the CIFAR-LT code does: ⌊n_max · (1/ratio)^(c/(C−1))⌋.</summary>
    public static long[] ClassSizes(int nMax, int classes, double ratio)
    {
        RequireRatio(ratio);
        if (nMax < 0)
            throw new ArgumentOutOfRangeException(nameof(nMax), nMax, "The largest class size n_max cannot be negative.");
        if (classes < 1)
            throw new ArgumentOutOfRangeException(nameof(classes), classes, "A long-tailed profile needs at least one class.");
        if (classes == 1) return [nMax];
        return Enumerable.Range(0, classes)
            .Select(c => (long)Math.Floor(nMax * Math.Pow(1.0 / ratio, c / (classes - 1.0))))
            .ToArray();
    }

    /// <summary>
    /// A new dataset holding the first n_c images of each class c, in their original order, with
    /// n_max the largest class count (a class with fewer images than n_c keeps all it has). The
    /// normalisation statistics stay those of the full set. Ratio 1 keeps every image.
    /// </summary>
    public static ImageDataset Apply(ImageDataset train, double ratio)
    {
        ArgumentNullException.ThrowIfNull(train);
        RequireRatio(ratio);
        var counts = train.ClassCounts();
        var sizes = ClassSizes(checked((int)counts.Max()), train.Classes, ratio);
        using var scope = NewDisposeScope();
        var keep = cat(Enumerable.Range(0, train.Classes)
            .Select(c => train.Labels.eq(c).nonzero().flatten().narrow(0, 0, Math.Min(sizes[c], counts[c])))
            .ToList(), 0).sort().Values;
        var images = train.Images.index_select(0, keep);
        var labels = train.Labels.index_select(0, keep);
        return new ImageDataset(images, labels, train.ClassNames, train.Mean, train.Std);
    }

    static void RequireRatio(double ratio)
    {
        if (!(ratio >= 1) || double.IsInfinity(ratio))
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio,
                $"The imbalance ratio n_max/n_min must be a finite number of at least 1 (1 keeps the set balanced, 100 is the usual long-tail setting), not {ratio}.");
    }
}
