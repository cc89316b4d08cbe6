using TrainDsl.Data;
using TrainDsl.Data.ImageFolder;

namespace TrainDsl.Tests.Data.ImageFolder;

/// <summary>
/// The decoded cache (<see cref="ImageFolderCache"/>): decoded once, read without decoding afterwards, rebuilt when
/// damaged or when a file changed, and mapped rather than copied.
/// </summary>
public class ImageFolderCacheTests
{
    const int Train = 30, Test = 10;

    static (TempFolder Root, ImageFolderDataset Source) Folder()
    {
        var root = SharedData.NewFolder();
        FashionFolders.WriteSplit(Path.Combine(root.Path, "images"), Train, Test);
        return (root, new ImageFolderDataset(Path.Combine(root.Path, "images"), 28, 1));
    }

    static DataOptions Options(TempFolder root, StringWriter log) => new() { Root = root.Path, Log = log };

    static IEnumerable<int> TrainIds => Enumerable.Range(0, 10).SelectMany(c => FashionFolders.Indices(c, 0, Train));

    /// <summary>Loads with a fresh log, checks the training pixels against the IDX file, returns the log.</summary>
    static string LoadAndCheck(TempFolder root, ImageFolderDataset source)
    {
        var log = new StringWriter();
        using var data = source.Load(Options(root, log));
        using var expected = FashionFolders.Expected(TrainIds);
        TensorAssert.Identical(expected, data.Train.Images);
        return log.ToString();
    }

    [Fact]
    public void SecondLoadReadsTheCacheWithoutDecoding()
    {
        var (root, source) = Folder();
        using var _ = root;

        var first = LoadAndCheck(root, source);
        var second = LoadAndCheck(root, source);

        Assert.Contains($"Decoding {10 * (Train + Test):N0} images", first);
        Assert.Contains("Decoded", first);
        Assert.DoesNotContain("Decod", second);
        Assert.Contains("(no decoding)", second);
        // Only the cache and its lock file: the temp file was renamed into place.
        var files = Directory.GetFiles(Path.Combine(root.Path, ImageFolderDataset.CacheFolder)).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(2, files.Length);
        Assert.EndsWith(".cache", files[0]);
        Assert.EndsWith(".cache.lock", files[1]);
        Assert.Equal(source.CachePathFor(new DataOptions { Root = root.Path }), Path.Combine(root.Path, ImageFolderDataset.CacheFolder, files[0]!));
    }

    [Fact]
    public void StatisticsAreKnownWithoutDecodingOnceTheCacheExists()
    {
        var (root, source) = Folder();
        using var _ = root;
        var options = new DataOptions { Root = root.Path };
        Assert.Null(source.StatisticsFor(options));

        using var data = source.Load(options);

        var statistics = source.StatisticsFor(options);
        Assert.NotNull(statistics);
        Assert.Equal(data.Train.Mean, statistics.Value.Mean);
        Assert.Equal(data.Train.Std, statistics.Value.Std);
    }

    [Theory]
    [InlineData(12, "impossible sizes")]               // channels
    [InlineData(60, "checksum does not match")]        // inside the key
    [InlineData(2000, "checksum does not match")]      // the header page's zero padding
    [InlineData(4096 + 5000, "checksum does not match")] // a pixel (small caches hash every pixel)
    [InlineData(-10, "checksum does not match")]       // the index at the end
    public void DamagedCacheIsRebuiltWithANote(long offset, string problem)
    {
        var (root, source) = Folder();
        using var _ = root;
        LoadAndCheck(root, source);
        var cache = source.CachePathFor(new DataOptions { Root = root.Path });
        var bytes = File.ReadAllBytes(cache);
        bytes[offset >= 0 ? offset : bytes.Length + offset] ^= 0x5A;
        File.WriteAllBytes(cache, bytes);

        var log = LoadAndCheck(root, source);

        Assert.Contains($"The cache '{cache}' is unusable (", log);
        Assert.Contains(problem, log);
        Assert.Contains("Decoded", log);
        Assert.Contains("(no decoding)", LoadAndCheck(root, source));
    }

    [Fact]
    public void TruncatedCacheIsRebuilt()
    {
        var (root, source) = Folder();
        using var _ = root;
        LoadAndCheck(root, source);
        var cache = source.CachePathFor(new DataOptions { Root = root.Path });
        using (var file = File.OpenWrite(cache)) file.SetLength(file.Length - 1);

        var log = LoadAndCheck(root, source);

        Assert.Contains("where its header promises", log);
        Assert.Contains("Decoded", log);
    }

    [Fact]
    public void ChangedFileTimeRebuildsTheCache()
    {
        var (root, source) = Folder();
        using var _ = root;
        LoadAndCheck(root, source);
        var image = Directory.GetFiles(Path.Combine(root.Path, "images", "train", "coat"))[3];
        File.SetLastWriteTimeUtc(image, File.GetLastWriteTimeUtc(image).AddMinutes(1));

        var log = LoadAndCheck(root, source);

        Assert.Contains("decoded from another state of the folder", log);
        Assert.Contains("Decoded", log);
    }

    [Fact]
    public void AddedFileRebuildsTheCache()
    {
        var (root, source) = Folder();
        using var _ = root;
        LoadAndCheck(root, source);
        File.WriteAllBytes(Path.Combine(root.Path, "images", "test", "bag", "zzz.png"), FashionFolders.Png(0));

        var log = new StringWriter();
        using var data = source.Load(Options(root, log));

        Assert.Contains("decoded from another state of the folder", log.ToString());
        Assert.Equal(10 * Test + 1, data.Test.Count);
    }

    [Fact]
    public void ImagesAreViewsOfTheMappedCacheUntilDisposed()
    {
        if (!OperatingSystem.IsLinux()) return; // /proc/self/maps is Linux's
        var (root, source) = Folder();
        using var _ = root;
        var cache = source.CachePathFor(new DataOptions { Root = root.Path });
        LoadAndCheck(root, source);
        static bool Mapped(string path) => File.ReadLines("/proc/self/maps").Any(line => line.EndsWith(" " + path));
        Assert.False(Mapped(cache));

        var data = source.Load(new DataOptions { Root = root.Path });
        Assert.True(Mapped(cache), "The images should be read through a mapping of the cache file.");
        var line = File.ReadLines("/proc/self/maps").First(l => l.EndsWith(" " + cache));
        Assert.Equal("rw-p", line.Split(' ')[1]); // private: copy-on-write, the file is never written through it
        data.Train.Dispose();
        Assert.True(Mapped(cache), "The test set still views the mapping.");
        data.Test.Dispose();
        Assert.False(Mapped(cache), "Disposing both sets should unmap the cache.");
    }
}
