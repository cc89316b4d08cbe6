using static TorchSharp.torch;

namespace TrainDsl.Data;

/// <summary>
/// "Keep the first N images, stratified by class": class c keeps its first ⌊N·n_c/total⌋ images and
/// the leftover slots go to the largest fractional remainders (ties: lower class first). For
/// balanced classes this equals dealing the images round-robin over the classes.
/// </summary>
internal static class StratifiedLimit
{
    /// <summary>Images kept per class; a limit of 0 (or at least the total) keeps everything.</summary>
    public static long[] Quotas(IReadOnlyList<long> classCounts, int limit)
    {
        if (limit < 0)
            throw new ArgumentException($"A train/test limit must be 0 (keep all) or positive, not {limit}.");
        var counts = classCounts.ToArray();
        long total = counts.Sum();
        if (limit == 0 || limit >= total) return counts;

        var quotas = new long[counts.Length];
        var remainders = new long[counts.Length];
        for (int c = 0; c < counts.Length; c++)
        {
            quotas[c] = limit * counts[c] / total;
            remainders[c] = limit * counts[c] % total;
        }
        long left = limit - quotas.Sum();
        foreach (var c in Enumerable.Range(0, counts.Length).OrderByDescending(c => remainders[c]).ThenBy(c => c))
        {
            if (left == 0) break;
            if (quotas[c] < counts[c]) { quotas[c]++; left--; }
        }
        return quotas;
    }

    /// <summary>
    /// Applies the limit to images/labels in any order: keeps each class's first quota images, in
    /// their original order. Returns the inputs themselves when nothing is dropped.
    /// </summary>
    public static (Tensor Images, Tensor Labels) Apply(Tensor images, Tensor labels, int classes, int limit)
    {
        long[] counts;
        using (var histogram = bincount(labels, null, classes)) counts = histogram.data<long>().ToArray();
        var quotas = Quotas(counts, limit);
        if (quotas.SequenceEqual(counts)) return (images, labels);

        using var scope = NewDisposeScope();
        var keep = cat(Enumerable.Range(0, classes)
            .Select(c => labels.eq(c).nonzero().flatten().narrow(0, 0, quotas[c]))
            .ToList(), 0).sort().Values;
        var kept = (images.index_select(0, keep), labels.index_select(0, keep));
        return scope.MoveToOuter(kept.Item1, kept.Item2);
    }
}
