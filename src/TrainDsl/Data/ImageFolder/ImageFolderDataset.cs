using System.Diagnostics;
using static TorchSharp.torch;

namespace TrainDsl.Data.ImageFolder;

/// <summary>
/// Images in class folders, with torchvision's ImageFolder rules (<see cref="FolderScan"/>), in one of two layouts:
/// <list type="bullet">
/// <item>root/train/&lt;class&gt;/* and root/test/&lt;class&gt;/* (or root/val/&lt;class&gt;/* when there is no test/,
///   which is then the evaluation set): the split is the folders';</item>
/// <item>root/train/, root/val/ and root/test/: as train/ and test/, and when <see cref="DataOptions.Validation"/>
///   declares a validation set, val/ is it (<see cref="DatasetSplits.Validation"/>, never limited, normalised with the
///   training statistics) instead of a share carved out of train/; val/ is decoded into a cache of its own,
///   &lt;name&gt;-&lt;hash&gt;.val.cache, and is not read when no validation set is declared;</item>
/// <item>one tree root/&lt;class&gt;/*: each class is split with <see cref="StratifiedSplit"/> (seeded, the same on every
///   machine), <see cref="TestFraction"/> of it for test.</item>
/// </list>
/// Every image is decoded once (<see cref="Images.ImageDecoder"/>: shorter side resized to <see cref="Size"/>, center
/// crop, <see cref="Channels"/> channels) on all cores into a cache under the data root,
/// &lt;root&gt;/image-folders/&lt;name&gt;-&lt;hash&gt;.cache (<see cref="ImageFolderCache"/>), which later loads
/// memory-map: the sets' image tensors are views of the file's pages, so a set larger than RAM trains with the page
/// cache holding what the batches touch. A changed, added or removed file, or a damaged cache, rebuilds it.
/// <para>Both sets are grouped by class (label = index of the class name in ordinal order), each class in path order;
/// <see cref="DataOptions.TrainLimit"/>/<see cref="DataOptions.TestLimit"/> keep each class's first images
/// (<see cref="StratifiedLimit"/>), copied out of the mapping. Mean and std are per channel, exact over every pixel of
/// the whole training set (before any limit), computed once while decoding and kept in the cache.</para>
/// </summary>
public sealed class ImageFolderDataset : IDataSource
{
    /// <summary>Folder under the data root that holds the decoded caches.</summary>
    public const string CacheFolder = "image-folders";

    /// <summary>Skipped files named one per line in the log before "and N more".</summary>
    const int LoggedSkips = 50;

    /// <param name="path">The image folder: absolute, or relative to the data root (<see cref="DataOptions.Root"/>,
    /// else $TRAINDSL_DATA, else the user cache folder).</param>
    /// <param name="size">Side of the square images the model reads, in pixels.</param>
    /// <param name="channels">1 (grayscale) or 3 (RGB).</param>
    /// <param name="testFraction">For one tree of class folders: the share of each class held out for test, in (0, 1).</param>
    /// <param name="seed">For one tree of class folders: seeds the split.</param>
    /// <param name="badImages">What files the decoder cannot read do: skipped and reported, or refused.</param>
    public ImageFolderDataset(string path, int size, int channels = 3, double testFraction = 0.2, long seed = 0,
        BadImagePolicy badImages = BadImagePolicy.Skip)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "The image size must be at least 1 pixel.");
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), channels, "Images have 1 (grayscale) or 3 (RGB) channels.");
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must lie strictly between 0 and 1.");
        if (!Enum.IsDefined(badImages)) throw new ArgumentOutOfRangeException(nameof(badImages), badImages, "Unknown policy.");
        Path = path; Size = size; Channels = channels; TestFraction = testFraction; Seed = seed; BadImages = badImages;
    }

    /// <summary>The image folder as given.</summary>
    public string Path { get; }
    public int Size { get; }
    public int Channels { get; }
    public double TestFraction { get; }
    public long Seed { get; }
    public BadImagePolicy BadImages { get; }

    /// <summary>The folder's name, e.g. "flowers".</summary>
    public string Name => System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(Path));

    /// <summary>The class names (ordinal order of the class folders), for a relative <see cref="Path"/> under the default data root.</summary>
    public IReadOnlyList<string> ClassNames => ClassNamesFor(new DataOptions());

    /// <summary>The class names (ordinal order of the class folders), read from the folder listing alone.</summary>
    public IReadOnlyList<string> ClassNamesFor(DataOptions options) => FolderScan.ClassNames(FolderFor(options));

    /// <summary>The image folder's full path under <paramref name="options"/>; refuses one that does not exist.</summary>
    public string FolderFor(DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        bool relative = !System.IO.Path.IsPathRooted(Path);
        var dataRoot = DataRoot.Resolve(options);
        var folder = System.IO.Path.GetFullPath(relative ? System.IO.Path.Combine(dataRoot, Path) : Path);
        if (!Directory.Exists(folder))
            throw new TrainDslException(
                $"The image folder '{folder}' does not exist: give its absolute path as the [Data] path" +
                (relative ? $", or a path relative to the data root '{dataRoot}', which --data or ${DataRoot.EnvironmentVariable} sets." : "."));
        return folder;
    }

    /// <summary>The folder and its layout, for the plan; loading adds the counts, skipped files and the cache.</summary>
    public string SourceFor(DataOptions options)
    {
        var folder = FolderFor(options);
        return $"Image folder '{folder}' ({LayoutWords(FolderScan.LayoutOf(folder), options)}), decoded to {Channels}×{Size}×{Size}.";
    }

    /// <summary>The tree of class folders, what each image is decoded to, and where the decoded cache is.</summary>
    public DataFiles FilesFor(DataOptions options) => new("imageFolder")
    {
        Root = FolderFor(options), ImageSize = Size, Channels = Channels, Cache = CachePathFor(options), SplitSeed = Seed,
    };

    /// <summary>The decoded cache's path for <paramref name="options"/> (it may not exist yet).</summary>
    public string CachePathFor(DataOptions options)
    {
        var folder = FolderFor(options);
        return System.IO.Path.Combine(DataRoot.Resolve(options), CacheFolder,
            CacheKey.FileName(folder, FolderScan.LayoutOf(folder), Channels, Size, TestFraction, Seed));
    }

    /// <summary>
    /// The training set's per-channel mean and std (pixels scaled to [0, 1]) from the decoded cache, without decoding;
    /// null when the folder has not been decoded with these settings or has changed since (they need every pixel).
    /// </summary>
    public (float[] Mean, float[] Std)? StatisticsFor(DataOptions options)
    {
        var (_, _, cachePath, key) = Prepare(options);
        return ImageFolderCache.TryOpen(cachePath, key, out _) is { } cache
            ? ([.. cache.Contents.Mean.Select(m => (float)m)], [.. cache.Contents.Std.Select(s => (float)s)])
            : null;
    }

    /// <summary>
    /// The training images <see cref="Load"/> would give, from the folder listing (no image is decoded): the cache's
    /// count when it is current (skipped files excluded), else the split's file count; then the limit.
    /// </summary>
    public int TrainSizeFor(DataOptions options) => (int)StratifiedLimit.Quotas(TrainClassCountsFor(options), options.TrainLimit).Sum();

    /// <summary>Training images per class before any limit: the cache's counts when it is current, else the split's file counts.</summary>
    public IReadOnlyList<long> TrainClassCountsFor(DataOptions options)
    {
        var (_, split, cachePath, key) = Prepare(options);
        return ImageFolderCache.TryOpen(cachePath, key, out _) is { } cache ? cache.Contents.TrainCounts : split.TrainCounts;
    }

    /// <summary>
    /// For a train/, val/ and test/ tree under a declared validation set, val/'s images per class: the val/ cache's
    /// counts when it is current (skipped files excluded), else the file counts; null otherwise (the set is carved).
    /// </summary>
    public IReadOnlyList<long>? ValidationClassCountsFor(DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validation == 0 || FolderScan.LayoutOf(FolderFor(options)) != FolderLayout.TrainValTest) return null;
        var (scan, _, cachePath, _) = Prepare(options);
        var (split, valPath, key) = PrepareValidation(scan, cachePath);
        return ImageFolderCache.TryOpen(valPath, key, out _) is { } cache ? cache.Contents.TrainCounts : split.TrainCounts;
    }

    public DatasetSplits Load(DataOptions options)
    {
        var (scan, split, cachePath, key) = Prepare(options);
        var log = options.Log;
        if (scan.Loose > 0)
            log?.WriteLine($"{scan.Loose:N0} image file(s) in '{scan.Root}' lie outside any class folder and are not used.");
        // val/'s class list is checked before anything is decoded.
        var val = scan.Layout == FolderLayout.TrainValTest && options.Validation > 0 ? PrepareValidation(scan, cachePath) : default;
        var cache = OpenOrBuild(scan, split, cachePath, key, log);
        var contents = cache.Contents;
        Refuse(scan, contents);
        for (int c = 0; c < contents.ClassNames.Count; c++)
        {
            if (contents.TestCounts[c] == 0)
                log?.WriteLine($"Class '{contents.ClassNames[c]}' has no test image{(split.Test[c].Length > 0 ? " left after skipping unreadable files" : " (one image, kept for training)")}.");
        }

        float[] mean = [.. contents.Mean.Select(m => (float)m)], std = [.. contents.Std.Select(s => (float)s)];
        var (trainImages, testImages) = MapWithRetry(cache, scan, split, cachePath, key, log);
        ImageDataset? train = null;
        try
        {
            train = Limited(trainImages, contents.TrainCounts, contents.ClassNames, mean, std, options.TrainLimit);
            trainImages = null;
            var test = Limited(testImages, contents.TestCounts, contents.ClassNames, mean, std, options.TestLimit);
            testImages = null;
            var source = Source(scan, contents, cache.Path, train.Count, test.Count, options);
            if (val.Split is null) return new DatasetSplits(train, test, source);
            try
            {
                var validation = LoadValidation(scan, val, mean, std, log);
                return new DatasetSplits(train, test, source + $" Validation: the {validation.Count:N0} images of val/.") { Validation = validation };
            }
            catch { test.Dispose(); throw; }
        }
        catch
        {
            train?.Dispose(); trainImages?.Dispose(); testImages?.Dispose();
            throw;
        }
    }

    /// <summary>val/ decoded through its own cache (val/'s rows stored as the cache's "train" rows, no test rows).</summary>
    ImageDataset LoadValidation(ScannedFolder scan, (FolderSplit Split, string CachePath, byte[] Key) val, float[] mean, float[] std, TextWriter? log)
    {
        var (split, valPath, key) = val;
        var cache = OpenOrBuild(scan, split, valPath, key, log);
        RefuseSkipped(scan, cache.Contents.Skipped);
        var contents = cache.Contents;
        for (int c = 0; c < contents.ClassNames.Count; c++)
        {
            if (contents.TrainCounts[c] == 0)
                log?.WriteLine($"Class '{contents.ClassNames[c]}' has no validation image left after skipping unreadable files in val/.");
        }
        var (images, none) = MapWithRetry(cache, scan, split, valPath, key, log);
        none.Dispose();
        try { return Limited(images, contents.TrainCounts, contents.ClassNames, mean, std, 0); }
        catch { images.Dispose(); throw; }
    }

    /// <summary>The val/ files as a split whose training part is val/, its cache's path beside the main cache, and its key.</summary>
    (FolderSplit Split, string CachePath, byte[] Key) PrepareValidation(ScannedFolder scan, string cachePath)
    {
        var val = FolderScan.ValidationFiles(scan);
        var split = new FolderSplit(scan.ClassNames, val, [.. val.Select(_ => Array.Empty<ImageFile>())]);
        // The key hashes val/'s relative paths, so it differs from the main cache's key for the same settings.
        return (split, System.IO.Path.ChangeExtension(cachePath, ".val.cache"), CacheKey.Of(scan.Layout, split, Channels, Size));
    }

    (ScannedFolder Scan, FolderSplit Split, string CachePath, byte[] Key) Prepare(DataOptions options)
    {
        var folder = FolderFor(options);
        var scan = FolderScan.Scan(folder);
        var split = scan.Test is { } test
            ? new FolderSplit(scan.ClassNames, scan.Train, test)
            : StratifiedSplit.Apply(scan, TestFraction, Seed);
        var cachePath = System.IO.Path.Combine(DataRoot.Resolve(options), CacheFolder,
            CacheKey.FileName(folder, scan.Layout, Channels, Size, TestFraction, Seed));
        return (scan, split, cachePath, CacheKey.Of(scan.Layout, split, Channels, Size));
    }

    /// <summary>The current cache, decoding the folder into it first when it is missing, stale or damaged.</summary>
    ImageFolderCache OpenOrBuild(ScannedFolder scan, FolderSplit split, string cachePath, byte[] key, TextWriter? log)
    {
        if (ImageFolderCache.TryOpen(cachePath, key, out var problem) is { } ready)
        {
            log?.WriteLine($"Reading {ready.Contents.TrainRows + ready.Contents.TestRows:N0} decoded images of '{scan.Root}' " +
                           $"from the cache '{cachePath}' (no decoding).");
            return ready;
        }
        if (problem is not null) log?.WriteLine($"The cache '{cachePath}' is unusable ({problem}); decoding the folder again.");

        using (CacheLock.Acquire(cachePath, TimeSpan.FromHours(12)))
        {
            // Another process may have built it while this one waited.
            if (ImageFolderCache.TryOpen(cachePath, key, out _) is { } built) return built;
            AtomicFile.DeleteLeftovers(cachePath);
            Build(scan, split, cachePath, key, log);
            return ImageFolderCache.TryOpen(cachePath, key, out problem)
                ?? throw new IOException($"The cache '{cachePath}' just written cannot be read back ({problem}); check the disk and retry.");
        }
    }

    void Build(ScannedFolder scan, FolderSplit split, string cachePath, byte[] key, TextWriter? log)
    {
        long rows = split.TrainCounts.Sum() + split.TestCounts.Sum();
        long bytes = ImageFolderCache.HeaderBytes + rows * Channels * Size * Size;
        log?.WriteLine($"Decoding {rows:N0} images of '{scan.Root}' to {Channels}×{Size}×{Size} on {Environment.ProcessorCount} " +
                       $"threads into '{cachePath}' ({bytes / 1e6:N0} MB).");
        var clock = Stopwatch.StartNew();
        FolderDecoder.Result? decoded = null;
        try
        {
            AtomicFile.Write(cachePath, file =>
            {
                file.SetLength(bytes);
                decoded = FolderDecoder.Decode(scan.Root, split, Channels, Size, file.SafeFileHandle, ImageFolderCache.HeaderBytes, log);
                var stats = decoded.TrainStatistics;
                ImageFolderCache.Finish(file, key, Channels, Size,
                    new CacheContents(split.ClassNames, decoded.TrainCounts, decoded.TestCounts, stats.Mean, stats.Std, decoded.Skipped));
            });
        }
        catch (IOException e)
        {
            throw new TrainDslException(
                $"Writing the decoded cache '{cachePath}' failed ({e.Message}); it needs about {bytes / 1e6:N0} MB there: free space, " +
                $"or point --data or ${DataRoot.EnvironmentVariable} at a folder with room, and retry.", e);
        }
        var skipped = decoded!.Skipped;
        foreach (var s in skipped.Take(LoggedSkips)) log?.WriteLine($"Skipped: {s.Reason}");
        if (skipped.Count > LoggedSkips) log?.WriteLine($"Skipped {skipped.Count - LoggedSkips:N0} more unreadable files.");
        double seconds = clock.Elapsed.TotalSeconds;
        log?.WriteLine($"Decoded {decoded.Rows:N0} images in {seconds:F1} s ({decoded.Rows / Math.Max(seconds, 1e-9):N0} images/s)" +
                       (skipped.Count > 0 ? $"; {skipped.Count:N0} unreadable file(s) skipped." : "."));
    }

    /// <summary>Applies the bad-image policy and refuses sets that cannot train.</summary>
    void Refuse(ScannedFolder scan, CacheContents contents)
    {
        RefuseSkipped(scan, contents.Skipped);
        var emptied = Enumerable.Range(0, contents.ClassNames.Count).Where(c => contents.TrainCounts[c] == 0).ToList();
        if (emptied.Count > 0)
            throw new TrainDslException(
                $"No training image of class{(emptied.Count == 1 ? "" : "es")} {string.Join(", ", emptied.Select(c => $"'{contents.ClassNames[c]}'"))} " +
                $"in '{scan.Root}' could be decoded, so {(emptied.Count == 1 ? "it" : "they")} cannot be learned: replace the unreadable files (listed in the log).");
        var flat = Enumerable.Range(0, contents.Std.Length).Where(c => !(contents.Std[c] > 0)).ToList();
        if (flat.Count > 0)
            throw new TrainDslException(
                $"Every training pixel of '{scan.Root}' has the same value in channel {string.Join(", ", flat)}, so the images cannot be " +
                "normalised and hold nothing to learn: check that the folder holds the intended images.");
    }

    /// <summary>The bad-image policy Refuse: files the decoder could not read stop the load.</summary>
    void RefuseSkipped(ScannedFolder scan, IReadOnlyList<SkippedImage> skipped)
    {
        if (skipped.Count > 0 && BadImages == BadImagePolicy.Refuse)
            throw new TrainDslException(
                $"'{scan.Root}' holds {skipped.Count:N0} file(s) the decoder cannot read, and the bad-image policy is Refuse: " +
                string.Join(" ", skipped.Take(10).Select(s => s.Reason)) +
                (skipped.Count > 10 ? $" ({skipped.Count - 10:N0} more.)" : "") +
                " Replace or remove them, or use BadImagePolicy.Skip to train without them.");
    }

    /// <summary>Maps the cache; if another process replaced it meanwhile, opens (or rebuilds) it once more.</summary>
    (Tensor Train, Tensor Test) MapWithRetry(ImageFolderCache cache, ScannedFolder scan, FolderSplit split, string cachePath, byte[] key, TextWriter? log)
    {
        try { return cache.Map(); }
        catch (IOException)
        {
            return OpenOrBuild(scan, split, cachePath, key, log).Map();
        }
    }

    /// <summary>The mapped rows as a dataset; under a limit, each class's first rows copied out of the mapping.</summary>
    static ImageDataset Limited(Tensor images, long[] counts, IReadOnlyList<string> names, float[] mean, float[] std, int limit)
    {
        var labelValues = new long[counts.Sum()];
        for (int c = 0, at = 0; c < counts.Length; at += (int)counts[c], c++) Array.Fill(labelValues, c, at, (int)counts[c]);
        var labels = tensor(labelValues);
        try
        {
            var (keptImages, keptLabels) = StratifiedLimit.Apply(images, labels, names.Count, limit);
            if (!ReferenceEquals(keptImages, images)) { images.Dispose(); labels.Dispose(); }
            return new ImageDataset(keptImages, keptLabels, names, mean, std);
        }
        catch { labels.Dispose(); throw; }
    }

    string Source(ScannedFolder scan, CacheContents contents, string cachePath, int trainUsed, int testUsed, DataOptions options)
    {
        var layout = LayoutWords(scan.Layout, options);
        var skipped = contents.Skipped.Count switch
        {
            0 => "",
            var n => $"; {n:N0} unreadable file{(n == 1 ? "" : "s")} skipped " +
                     $"({string.Join(", ", contents.Skipped.Take(3).Select(s => $"'{s.RelativePath}'"))}{(n > 3 ? $" and {n - 3:N0} more, listed in the log when decoded" : "")})",
        };
        return $"Image folder '{scan.Root}' ({layout}; {contents.ClassNames.Count:N0} classes; {trainUsed:N0} train and " +
               $"{testUsed:N0} test images used of {contents.TrainRows:N0} and {contents.TestRows:N0}{skipped}; " +
               $"decoded to {Channels}×{Size}×{Size} in '{cachePath}').";
    }

    /// <summary>The layout as the plan and the loaded source sentence name it.</summary>
    private string LayoutWords(FolderLayout layout, DataOptions options) => layout switch
    {
        FolderLayout.TrainTest => "train/ and test/ class folders",
        FolderLayout.TrainValTest when options.Validation > 0 =>
            "train/, val/ and test/ class folders: val/ is the validation set, so the Validation fraction is unused",
        FolderLayout.TrainValTest => "train/, val/ and test/ class folders: train/ trains and test/ evaluates; val/ is unused without a declared Validation",
        FolderLayout.TrainVal => "train/ and val/ class folders (val/ is the evaluation set, as there is no test/)",
        _ => $"one tree of class folders, split per class with seed {Seed}: {TestFraction * 100:0.##} % of each class for test",
    };
}
