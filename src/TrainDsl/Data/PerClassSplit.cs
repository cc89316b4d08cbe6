namespace TrainDsl.Data;

/// <summary>
/// Splits a class-grouped cache deterministically: in each class the first trainPerClass(n) images
/// go to train and the rest to test; the limits then keep each class's first images
/// (<see cref="StratifiedLimit"/>). Both sets come out grouped by class, in package order.
/// </summary>
internal static class PerClassSplit
{
    public static long[] TrainCounts(IReadOnlyList<long> classCounts, Func<long, long> trainPerClass)
        => classCounts.Select(trainPerClass).ToArray();

    public static (ImageDataset Train, ImageDataset Test) Load(ImageCache cache, Func<long, long> trainPerClass,
        IReadOnlyList<string> classNames, float[] mean, float[] std, DataOptions options)
    {
        if (cache.ClassCounts.Length != classNames.Count)
            throw new InvalidDataException($"The cache '{cache.Path}' holds {cache.ClassCounts.Length} classes, not {classNames.Count}; delete it and load again.");
        var train = TrainCounts(cache.ClassCounts, trainPerClass);
        var test = cache.ClassCounts.Zip(train, (n, t) => n - t).ToArray();
        var trainQuotas = StratifiedLimit.Quotas(train, options.TrainLimit);
        var testQuotas = StratifiedLimit.Quotas(test, options.TestLimit);

        var trainSet = Read(cache, c => cache.ClassStart(c), trainQuotas, classNames, mean, std);
        try
        {
            var testSet = Read(cache, c => cache.ClassStart(c) + train[c], testQuotas, classNames, mean, std);
            return (trainSet, testSet);
        }
        catch { trainSet.Dispose(); throw; }
    }

    static ImageDataset Read(ImageCache cache, Func<int, long> firstRow, long[] quotas,
        IReadOnlyList<string> classNames, float[] mean, float[] std)
    {
        var ranges = quotas.Select((q, c) => (firstRow(c), q)).ToArray();
        var labels = new long[quotas.Sum()];
        long at = 0;
        for (int c = 0; c < quotas.Length; c++)
        {
            Array.Fill(labels, c, checked((int)at), checked((int)quotas[c]));
            at += quotas[c];
        }
        var images = cache.ReadRows(ranges);
        return new ImageDataset(images, TorchSharp.torch.tensor(labels), classNames, mean, std);
    }
}
