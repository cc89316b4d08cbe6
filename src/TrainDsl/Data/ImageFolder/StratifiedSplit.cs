namespace TrainDsl.Data.ImageFolder;

/// <summary>
/// Splits one tree of class folders into train and test, per class and the same on every machine: a class's files,
/// sorted by ordinal relative path, are shuffled by Fisher–Yates (Durstenfeld: for i = n−1 … 1 swap i with a uniform
/// j ≤ i) driven by <see cref="SplitMix64"/> seeded with seed XOR FNV-1a(class name); the first k shuffled files are
/// test, k = round(n·fraction) (halves away from zero), at least 1 and at most n − 1 when n ≥ 2, 0 when n = 1.
/// Both parts keep path order. Seeding by class name leaves a class's split unchanged when other classes change.
/// tests/references/image_folder_split.py implements the same rule independently.
/// </summary>
internal static class StratifiedSplit
{
    /// <summary>Test images of a class of <paramref name="n"/> images.</summary>
    public static int TestCount(int n, double fraction)
        => n < 2 ? 0 : Math.Clamp((int)Math.Round(n * fraction, MidpointRounding.AwayFromZero), 1, n - 1);

    /// <summary>The indices (into the class's path-sorted files) that go to test, ascending.</summary>
    public static int[] TestIndices(string className, int n, double fraction, long seed)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var random = new SplitMix64(unchecked((ulong)seed) ^ SplitMix64.Fnv1a(className));
        for (int i = n - 1; i > 0; i--)
        {
            int j = (int)random.NextBelow((ulong)i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var test = order[..TestCount(n, fraction)];
        Array.Sort(test);
        return test;
    }

    /// <summary>Each class's path-sorted files divided into train and test.</summary>
    public static FolderSplit Apply(ScannedFolder scan, double fraction, long seed)
    {
        var train = new ImageFile[scan.ClassNames.Count][];
        var test = new ImageFile[scan.ClassNames.Count][];
        for (int c = 0; c < train.Length; c++)
        {
            var files = scan.Train[c];
            var picked = new bool[files.Length];
            foreach (int i in TestIndices(scan.ClassNames[c], files.Length, fraction, seed)) picked[i] = true;
            test[c] = [.. files.Where((_, i) => picked[i])];
            train[c] = [.. files.Where((_, i) => !picked[i])];
        }
        return new FolderSplit(scan.ClassNames, train, test);
    }
}
