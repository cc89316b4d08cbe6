namespace TrainDsl.Data;

/// <summary>
/// An exclusive lock file next to a cache, so concurrent processes (or test classes) convert a
/// package once: the others wait, then find the finished cache. The OS drops it if a holder dies.
/// </summary>
internal static class CacheLock
{
    public static IDisposable Acquire(string cachePath, TimeSpan timeout)
    {
        var lockPath = cachePath + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
            catch (IOException)
            {
                throw new TimeoutException(
                    $"Another process has held '{lockPath}' for over {timeout.TotalMinutes:N0} minutes; if no other TrainDsl run is converting data, delete that file and retry.");
            }
        }
    }
}
