namespace TrainDsl.Data;

/// <summary>
/// Writes a file so that readers see either the old file or the whole new one, never a part: the content goes to a
/// temp file in the same folder (same file system, so the rename is atomic), is flushed to disk, then renamed over
/// the target. A failure deletes the temp file and leaves the target as it was.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<FileStream> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}{TempExtension}";
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                write(file);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    const string TempExtension = ".tmp";

    /// <summary>
    /// Deletes temp files a killed writer of <paramref name="path"/> left behind (they can be as large as the file).
    /// Call only while holding the file's <see cref="CacheLock"/>, so no live writer's temp file is touched.
    /// </summary>
    public static void DeleteLeftovers(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder)) return;
        foreach (var temp in Directory.EnumerateFiles(folder, Path.GetFileName(path) + ".*" + TempExtension))
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
