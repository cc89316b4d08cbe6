using System.Diagnostics;

namespace TrainDsl.Data;

/// <summary>Pixels converted from a package: grouped by class ascending, with the class sizes.</summary>
internal sealed record ConvertedImages(long[] ClassCounts, byte[] Pixels, int Skipped);

/// <summary>
/// An npm package converted once into an <see cref="ImageCache"/>: later loads read only the
/// cache; a missing, corrupt or truncated cache is (re)built under a lock.
/// </summary>
internal sealed class PackageCache(
    NpmPackage package, string path, Func<string, bool> wanted,
    Func<IReadOnlyDictionary<string, byte[]>, TextWriter?, ConvertedImages> convert)
{
    public string Path { get; } = path;

    public ImageCache Open(TextWriter? log)
    {
        if (ImageCache.TryOpen(Path, package.Sha256, out var problem) is { } ready) return ready;
        if (problem is not null) log?.WriteLine($"The cache '{Path}' is unusable ({problem}); rebuilding it.");

        using (Writable(() => CacheLock.Acquire(Path, TimeSpan.FromMinutes(15))))
        {
            // Another process may have built it while we waited.
            if (ImageCache.TryOpen(Path, package.Sha256, out _) is { } built) return built;

            var clock = Stopwatch.StartNew();
            var files = package.Fetch(wanted, log);
            var converted = convert(files, log);
            Writable(() => { ImageCache.Write(Path, 1, 28, 28, converted.ClassCounts, converted.Skipped, package.Sha256, converted.Pixels); return 0; });
            log?.WriteLine($"Converted {converted.ClassCounts.Sum():N0} images of {package.Spec} into '{Path}' in {clock.Elapsed.TotalSeconds:F1} s.");
            return ImageCache.TryOpen(Path, package.Sha256, out problem)
                ?? throw new IOException($"The cache '{Path}' just written cannot be read back ({problem}); check the disk and retry.");
        }
    }

    // Checked before npm runs: a read-only or full data folder is one sentence, not an OS error after a download.
    private T Writable<T>(Func<T> write)
    {
        try
        {
            return write();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException and not FileNotFoundException)
        {
            var folder = System.IO.Path.GetDirectoryName(Path);
            throw new TrainDslException(
                $"The data folder '{folder}' cannot be written ({e.Message.TrimEnd('.')}), so {package.Spec} cannot be cached there; pass a writable folder with --data (or $TRAINDSL_DATA), or free disk space.", e);
        }
    }
}
