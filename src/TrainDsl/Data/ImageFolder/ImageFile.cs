namespace TrainDsl.Data.ImageFolder;

/// <summary>
/// An image file found by a folder scan: its path relative to the image folder with '/' separators (the same text on
/// every OS, for sorting and for the cache key), its size and its last write time, which tell a changed file.
/// </summary>
internal readonly record struct ImageFile(string RelativePath, long Length, long LastWriteTicks)
{
    public string FullPath(string root) => Path.Combine(root, RelativePath.Replace('/', Path.DirectorySeparatorChar));
}
