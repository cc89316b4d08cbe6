namespace TrainDsl.Data;

/// <summary>
/// Where a built-in source's files are on this machine, so a program outside TrainDsl can read the same images
/// (export-torch's recipe.json "data"). Paths are absolute.
/// </summary>
/// <param name="Kind">idx (the four MNIST-style files), cifar (the binary batches' folder) or imageFolder (the tree).</param>
public sealed record DataFiles(string Kind)
{
    /// <summary>idx: the training images file (gzipped or raw, as found).</summary>
    public string? TrainImages { get; init; }

    public string? TrainLabels { get; init; }

    public string? TestImages { get; init; }

    public string? TestLabels { get; init; }

    /// <summary>cifar: the folder of the binary batches; imageFolder: the tree (train/ [val/] test/, or one tree of class folders).</summary>
    public string? Root { get; init; }

    /// <summary>imageFolder: the side of the square images each file is decoded to.</summary>
    public int? ImageSize { get; init; }

    /// <summary>imageFolder: 1 (grey) or 3 (RGB).</summary>
    public int? Channels { get; init; }

    /// <summary>imageFolder: TrainDsl's decoded cache of the tree under these settings (written when the data is first loaded).</summary>
    public string? Cache { get; init; }

    /// <summary>imageFolder with one tree: the seed of the stratified test split.</summary>
    public long? SplitSeed { get; init; }
}
