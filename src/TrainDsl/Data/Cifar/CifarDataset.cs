namespace TrainDsl.Data;

/// <summary>
/// CIFAR-10 and CIFAR-100 (Krizhevsky 2009): 50,000 train and 10,000 test colour images of 32×32 pixels, read from
/// the official binary version (see <see cref="CifarRecords"/>), in file order; the <see cref="BatchLoader"/> shuffles.
/// <para>Sources, in order: the files in &lt;root&gt;/&lt;folder&gt;/ (the folder the official archive unpacks to),
/// or directly in an explicit <see cref="DataOptions.Root"/>; otherwise the official archive (.tar.gz) in
/// &lt;root&gt;/&lt;folder&gt;/ or &lt;root&gt;, unpacked once into &lt;root&gt;/&lt;folder&gt;/. The root is <see cref="DataOptions.Root"/>, else $TRAINDSL_DATA, else the user cache
/// folder. Nothing is downloaded: the archive is the "binary version" on the CIFAR page of Alex Krizhevsky's site at
/// the University of Toronto.</para>
/// <para><see cref="DataOptions.TrainLimit"/>/<see cref="DataOptions.TestLimit"/> keep the first images of each
/// class, in proportion to the class sizes (<see cref="StratifiedLimit"/>).</para>
/// </summary>
public sealed class CifarDataset : IDataSource
{
    /// <summary>
    /// CIFAR-10: 10 classes, 6,000 images each; data_batch_1.bin … data_batch_5.bin (10,000 records each) and
    /// test_batch.bin in cifar-10-batches-bin/, class names in batches.meta.txt.
    /// <para>Mean and std are the per-channel statistics of the 50,000 training images scaled to [0, 1], as widely
    /// published (e.g. in the kuangliu/pytorch-cifar issue #19 thread): (0.4914, 0.4822, 0.4465) and
    /// (0.2470, 0.2435, 0.2616). The often-copied std (0.2023, 0.1994, 0.2010) averages per-image deviations instead.</para>
    /// </summary>
    public static readonly CifarDataset Cifar10 = new(
        "CIFAR-10", "cifar-10-batches-bin", "cifar-10-binary.tar.gz",
        trainFiles: ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"],
        testFile: "test_batch.bin", labelBytes: 1, namesFile: "batches.meta.txt",
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"],
        publishedMean: [0.4914f, 0.4822f, 0.4465f], publishedStd: [0.2470f, 0.2435f, 0.2616f]);

    /// <summary>
    /// CIFAR-100: 100 fine classes (in 20 coarse superclasses, not used here), 600 images each; train.bin and test.bin
    /// in cifar-100-binary/, whose records carry the coarse then the fine label; the fine label is the class. Class
    /// names from fine_label_names.txt when present, else the published list (alphabetical, as in that file).
    /// <para>Mean (0.5071, 0.4865, 0.4409) and std (0.2673, 0.2564, 0.2762): the per-channel statistics of the 50,000
    /// training images scaled to [0, 1], as widely published (e.g. weiaicunzai/pytorch-cifar100's settings).</para>
    /// </summary>
    public static readonly CifarDataset Cifar100 = new(
        "CIFAR-100", "cifar-100-binary", "cifar-100-binary.tar.gz",
        trainFiles: ["train.bin"], testFile: "test.bin", labelBytes: 2, namesFile: "fine_label_names.txt",
        [
            "apple", "aquarium_fish", "baby", "bear", "beaver", "bed", "bee", "beetle", "bicycle", "bottle",
            "bowl", "boy", "bridge", "bus", "butterfly", "camel", "can", "castle", "caterpillar", "cattle",
            "chair", "chimpanzee", "clock", "cloud", "cockroach", "couch", "crab", "crocodile", "cup", "dinosaur",
            "dolphin", "elephant", "flatfish", "forest", "fox", "girl", "hamster", "house", "kangaroo", "keyboard",
            "lamp", "lawn_mower", "leopard", "lion", "lizard", "lobster", "man", "maple_tree", "motorcycle", "mountain",
            "mouse", "mushroom", "oak_tree", "orange", "orchid", "otter", "palm_tree", "pear", "pickup_truck", "pine_tree",
            "plain", "plate", "poppy", "porcupine", "possum", "rabbit", "raccoon", "ray", "road", "rocket",
            "rose", "sea", "seal", "shark", "shrew", "skunk", "skyscraper", "snail", "snake", "spider",
            "squirrel", "streetcar", "sunflower", "sweet_pepper", "table", "tank", "telephone", "television", "tiger", "tractor",
            "train", "trout", "tulip", "turtle", "wardrobe", "whale", "willow_tree", "wolf", "woman", "worm",
        ],
        publishedMean: [0.5071f, 0.4865f, 0.4409f], publishedStd: [0.2673f, 0.2564f, 0.2762f]);

    /// <summary>Training images in the official files, for <see cref="TrainSizeFor"/> before they are there.</summary>
    private const int OfficialTrainSize = 50_000;

    private readonly string[] trainFiles;
    private readonly string testFile;
    private readonly int labelBytes;
    private readonly string namesFile;
    private readonly float[] publishedMean, publishedStd;

    private CifarDataset(string name, string folder, string archive, string[] trainFiles, string testFile, int labelBytes,
        string namesFile, IReadOnlyList<string> classNames, float[] publishedMean, float[] publishedStd)
    {
        Name = name;
        Folder = folder;
        Archive = archive;
        this.trainFiles = trainFiles;
        this.testFile = testFile;
        this.labelBytes = labelBytes;
        this.namesFile = namesFile;
        ClassNames = classNames;
        this.publishedMean = publishedMean;
        this.publishedStd = publishedStd;
    }

    /// <summary>"CIFAR-10" or "CIFAR-100".</summary>
    public string Name { get; }

    /// <summary>The published class names, indexed by label (a loaded set takes those of the data's names file, when present).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The folder the official archive unpacks to, under the data root: "cifar-10-batches-bin".</summary>
    public string Folder { get; }

    /// <summary>The official archive's file name: "cifar-10-binary.tar.gz".</summary>
    public string Archive { get; }

    /// <summary>The data files, training files first.</summary>
    public IReadOnlyList<string> Files => [.. trainFiles, testFile];

    /// <summary>Published per-channel (R, G, B) mean of the training images scaled to [0, 1].</summary>
    public IReadOnlyList<float> PublishedMean => publishedMean;

    /// <summary>Published per-channel (R, G, B) standard deviation of the training images scaled to [0, 1].</summary>
    public IReadOnlyList<float> PublishedStd => publishedStd;

    /// <summary>
    /// The training-set size <see cref="Load"/> would give, from the files' sizes (no pixel is read), else the official
    /// 50,000 when the files are not unpacked yet; then <see cref="DataOptions.TrainLimit"/>.
    /// </summary>
    public int TrainSizeFor(DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = DataRoot.Resolve(options);
        long available = CompleteFolder(SearchedFolders(options, root)) is { } folder
            ? trainFiles.Sum(f => CifarRecords.Count(Path.Combine(folder, f), labelBytes, BadFile))
            : OfficialTrainSize;
        return (int)StratifiedLimit.Quotas([available], options.TrainLimit).Sum();
    }

    /// <summary>
    /// Training images per class before any limit: the official training batches are balanced (5,000 images of each
    /// CIFAR-10 class, 500 of each CIFAR-100 class), so the files' record count divided evenly; files whose count does
    /// not divide evenly are not the official ones, and are loaded and counted.
    /// </summary>
    public IReadOnlyList<long> TrainClassCountsFor(DataOptions options)
    {
        long available = TrainSizeFor(options with { TrainLimit = 0 });
        int classes = ClassNames.Count;
        if (available % classes == 0) return [.. Enumerable.Repeat(available / classes, classes)];
        using var data = Load(options with { TrainLimit = 0, TestLimit = 0, Validation = 0 });
        return data.Train.ClassCounts();
    }

    /// <summary>The binary files' folder and the official split, or where they are looked for when not there yet.</summary>
    public string SourceFor(DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = DataRoot.Resolve(options);
        var folders = SearchedFolders(options, root);
        return CompleteFolder(folders) is { } folder
            ? $"{Name} binary files in '{folder}' (official split)."
            : $"{Name} binary files, not found yet in {string.Join(" or ", folders.Select(f => $"'{f}'"))} (official split).";
    }

    /// <summary>The folder of the binary batches (unpacking the official archive when only it is there).</summary>
    public DataFiles FilesFor(DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DataFiles("cifar") { Root = Path.GetFullPath(FindOrUnpack(options, DataRoot.Resolve(options))) };
    }

    public DatasetSplits Load(DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = DataRoot.Resolve(options);
        var folder = FindOrUnpack(options, root);
        var names = ReadClassNames(folder);
        DatasetSplits all;
        var train = LoadSet(folder, trainFiles, names);
        try
        {
            var test = LoadSet(folder, [testFile], names);
            all = new DatasetSplits(train, test,
                $"{Name} binary files in '{folder}' (official split: {train.Count:N0} train, {test.Count:N0} test images).");
        }
        catch { train.Dispose(); throw; }
        options.Log?.WriteLine($"Loaded {Name} from the binary files in '{folder}'.");
        try { return all.Limit(options); }
        catch { all.Dispose(); throw; }
    }

    private ImageDataset LoadSet(string folder, string[] files, IReadOnlyList<string> names)
    {
        var (images, labels) = CifarRecords.Read(files.Select(f => Path.Combine(folder, f)).ToList(), labelBytes, names.Count, BadFile);
        try { return new ImageDataset(images, labels, names, [.. publishedMean], [.. publishedStd]); }
        catch { images.Dispose(); labels.Dispose(); throw; }
    }

    /// <summary>
    /// &lt;root&gt;/&lt;folder&gt; (where the archive unpacks to), then, as for IDX files, an explicitly given root itself
    /// (the shared default root may hold other sets' train.bin).
    /// </summary>
    internal string[] SearchedFolders(DataOptions options, string root)
        => string.IsNullOrWhiteSpace(options.Root) ? [Path.Combine(root, Folder)] : [Path.Combine(root, Folder), root];

    private string? CompleteFolder(IEnumerable<string> folders)
        => folders.FirstOrDefault(folder => Files.All(f => File.Exists(Path.Combine(folder, f))));

    /// <summary>The folder holding every data file, unpacking the official archive when no folder does.</summary>
    private string FindOrUnpack(DataOptions options, string root)
    {
        var folders = SearchedFolders(options, root);
        if (CompleteFolder(folders) is { } complete) return complete;

        var destination = folders[0];
        string[] archives = [Path.Combine(destination, Archive), Path.Combine(root, Archive)];
        if (archives.FirstOrDefault(File.Exists) is { } archive)
        {
            CifarArchive.Unpack(archive, destination, Files, [namesFile], Name, options.Log);
            return destination;
        }

        foreach (var folder in folders)
        {
            var missing = Files.Where(f => !File.Exists(Path.Combine(folder, f))).ToList();
            if (missing.Count < Files.Count)
                throw new TrainDslException(
                    $"The folder '{folder}' holds only some of the {Name} files (missing {string.Join(", ", missing)}); " +
                    $"add them, or put the official binary archive {Archive} in '{root}' to unpack all of them.");
        }
        throw new TrainDslException(
            $"No {Name} files were found in {string.Join(" or ", folders.Select(f => $"'{f}'"))}: put {FileList} in '{destination}' " +
            $"(the folder the official binary archive {Archive} unpacks to), or put {Archive} itself in '{root}'; " +
            "the archive is the \"binary version\" on the CIFAR page of Alex Krizhevsky's site at the University of Toronto.");
    }

    /// <summary>"data_batch_1.bin … data_batch_5.bin and test_batch.bin", "train.bin and test.bin".</summary>
    private string FileList => (trainFiles.Length > 2 ? trainFiles[0] + " … " + trainFiles[^1] : string.Join(", ", trainFiles)) + " and " + testFile;

    /// <summary>The names in the data's names file (one per line), else the published names.</summary>
    private IReadOnlyList<string> ReadClassNames(string folder)
    {
        var path = Path.Combine(folder, namesFile);
        if (!File.Exists(path)) return ClassNames;
        var names = File.ReadAllLines(path).Select(line => line.Trim()).Where(line => line.Length > 0).ToArray();
        if (names.Length != ClassNames.Count)
            throw new InvalidDataException(
                $"'{path}' names {names.Length} classes, but {Name} has {ClassNames.Count}; replace it with the file from the official binary archive {Archive}, or delete it to use the published names.");
        return names;
    }

    private InvalidDataException BadFile(string path, string problem) => new(
        $"The {Name} file '{path}' {problem}; replace it with the file from the official binary archive {Archive}.");
}
