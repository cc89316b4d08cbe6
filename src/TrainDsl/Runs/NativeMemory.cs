using System.Runtime.InteropServices;

namespace TrainDsl.Runs;

/// <summary>
/// Returns memory that is free but still resident to the system at the end of an epoch, so a run's RSS
/// tracks what it uses. Two things hold freed memory otherwise: TorchSharp objects whose native handles
/// are released only by finalizers (the optimizer's per-step allocations; without a collection they pile
/// up by about 1 MiB an epoch), and glibc's heap, which keeps freed blocks (the evaluation's 512-image
/// batches among them) resident and only grows its high-water mark. The price is that the next epoch
/// faults the released pages in again; set TRAINDSL_RELEASE_MEMORY=0 to keep them.
/// </summary>
public static partial class NativeMemory
{
    private static bool trimUnavailable;
    private static readonly bool Disabled = Environment.GetEnvironmentVariable("TRAINDSL_RELEASE_MEMORY") == "0";

    /// <summary>Runs finalizers of unreachable TorchSharp objects, then trims glibc's heap (Linux only). Costs a few milliseconds.</summary>
    public static void ReleaseFreed()
    {
        if (Disabled) return;
        // The finalizers free the native memory; the managed shells they leave are not worth a second collection.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        if (!OperatingSystem.IsLinux() || trimUnavailable) return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            trimUnavailable = true; // a libc without malloc_trim (musl): nothing to trim
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
