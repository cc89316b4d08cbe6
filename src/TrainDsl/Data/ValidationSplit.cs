using System.Globalization;
using TrainDsl.Data.ImageFolder;
using static TorchSharp.torch;

namespace TrainDsl.Data;

/// <summary>
/// Holds a validation set out of the training set (<c>[Data(Validation = v)]</c>), for any source. In each class of
/// n training images, taken in the order the source loaded them, k = round(n·v) images (halves away from zero; at
/// least 1 and at most n − 1 when n ≥ 2, none when n = 1) go to validation: the first k of the class's seeded
/// Fisher–Yates shuffle, the rule and generator an image folder's test split uses (<see cref="StratifiedSplit"/>,
/// SplitMix64 seeded with <see cref="Seed"/> XOR FNV-1a(class name)). Both parts keep the loaded order.
/// <para>The seed is the constant <see cref="Seed"/>, not the experiment's Seed, so every seed and every machine
/// holds out the same images and runs with different seeds are compared on one validation set.
/// <see cref="DataOptions.TrainLimit"/> applies afterwards, to the training images left; the validation set is not
/// limited. A source whose <see cref="IDataSource.Load"/> returns its own <see cref="DatasetSplits.Validation"/> keeps
/// it and the fraction is unused: an image folder with train/, val/ and test/ class folders returns val/
/// (<see cref="IDataSource.ValidationClassCountsFor"/> says so without loading).</para>
/// </summary>
public static class ValidationSplit
{
    /// <summary>The split's fixed seed: the ASCII bytes of "validate".</summary>
    public const long Seed = 0x76616C6964617465;

    /// <summary>Validation images of a class of <paramref name="n"/> training images: round(n·fraction), see the class summary.</summary>
    public static long CountOf(long n, double fraction) => StratifiedSplit.TestCount(checked((int)n), fraction);

    /// <summary>
    /// The train and test sets of <paramref name="source"/> with the validation set of
    /// <see cref="DataOptions.Validation"/> held out of the training set before <see cref="DataOptions.TrainLimit"/>
    /// applies; with Validation 0, exactly <c>source.Load(options)</c>. The caller owns and disposes the result.
    /// </summary>
    public static DatasetSplits Load(IDataSource source, DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validation == 0) return source.Load(options);
        double fraction = CheckFraction(options.Validation);

        // The declared fraction goes along so a source with a validation set of its own returns it.
        var full = source.Load(options with { TrainLimit = 0 });
        if (full.Validation is not null) return full.Limit(options);
        ImageDataset? train = null, validation = null;
        try
        {
            (train, validation) = Carve(full.Train, fraction);
            var split = new DatasetSplits(train, full.Test, full.Source + string.Create(CultureInfo.InvariantCulture,
                $" Validation: {fraction * 100:0.##} % of each training class ({validation.Count:N0} images), held out with the fixed seed {Seed:X}."))
            {
                Validation = validation,
            };
            full.Train.Dispose();
            return split.Limit(options);
        }
        catch
        {
            train?.Dispose(); validation?.Dispose(); full.Dispose();
            throw;
        }
    }

    /// <summary>Training images per class after the hold-out and the limit, from the source's counts alone.</summary>
    public static long[] TrainClassCountsFor(IDataSource source, DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var counts = source.TrainClassCountsFor(options with { TrainLimit = 0, Validation = 0 }).ToArray();
        double fraction = options.Validation == 0 ? 0 : CheckFraction(options.Validation);
        if (fraction > 0 && source.ValidationClassCountsFor(options) is not null) fraction = 0; // nothing is carved
        var left = counts.Select(n => n - (fraction == 0 ? 0 : CountOf(n, fraction))).ToArray();
        return StratifiedLimit.Quotas(left, options.TrainLimit);
    }

    /// <summary>The training images <see cref="Load"/> would give: what the plan's steps per epoch come from.</summary>
    public static int TrainSizeFor(IDataSource source, DataOptions options)
        => options.Validation == 0 ? source.TrainSizeFor(options) : (int)TrainClassCountsFor(source, options).Sum();

    /// <summary>The validation images <see cref="Load"/> would hold out (0 without a split).</summary>
    public static int SizeFor(IDataSource source, DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validation == 0) return 0;
        double fraction = CheckFraction(options.Validation);
        if (source.ValidationClassCountsFor(options) is { } own) return (int)own.Sum();
        return (int)source.TrainClassCountsFor(options with { TrainLimit = 0, Validation = 0 }).Sum(n => CountOf(n, fraction));
    }

    /// <summary>
    /// The positions in <paramref name="labels"/> (label per training image, loaded order) that go to validation,
    /// ascending: per class, the <see cref="StratifiedSplit.TestIndices"/> of that class's positions.
    /// </summary>
    public static int[] Indices(IReadOnlyList<long> labels, IReadOnlyList<string> classNames, double fraction)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        CheckFraction(fraction);
        var positions = Enumerable.Range(0, classNames.Count).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < labels.Count; i++) positions[labels[i]].Add(i);
        var picked = new List<int>();
        for (int c = 0; c < positions.Length; c++)
        {
            foreach (int j in StratifiedSplit.TestIndices(classNames[c], positions[c].Count, fraction, Seed)) picked.Add(positions[c][j]);
        }
        picked.Sort();
        return [.. picked];
    }

    /// <summary>The training set divided into what stays for training and the validation set; the input is left as it was.</summary>
    public static (ImageDataset Train, ImageDataset Validation) Carve(ImageDataset train, double fraction)
    {
        ArgumentNullException.ThrowIfNull(train);
        var held = Indices(train.Labels.data<long>().ToArray(), train.ClassNames, fraction);
        var isHeld = new bool[train.Count];
        foreach (int i in held) isHeld[i] = true;
        var kept = Enumerable.Range(0, train.Count).Where(i => !isHeld[i]).Select(i => (long)i).ToArray();

        using var scope = NewDisposeScope();
        var keptIndex = tensor(kept);
        var heldIndex = tensor(held.Select(i => (long)i).ToArray());
        var remaining = new ImageDataset(train.Images.index_select(0, keptIndex), train.Labels.index_select(0, keptIndex),
            train.ClassNames, train.Mean, train.Std);
        try
        {
            return (remaining, new ImageDataset(train.Images.index_select(0, heldIndex), train.Labels.index_select(0, heldIndex),
                train.ClassNames, train.Mean, train.Std));
        }
        catch { remaining.Dispose(); throw; }
    }

    private static double CheckFraction(double fraction) => fraction > 0 && fraction < 1 ? fraction
        : throw new TrainDslException(string.Create(CultureInfo.InvariantCulture,
            $"The validation share {fraction} is not between 0 and 1: hold out, say, 0.1 of each training class (Validation = 0.1)."));
}
