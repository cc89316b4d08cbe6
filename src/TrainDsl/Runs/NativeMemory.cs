using System.Collections;
using System.Runtime.InteropServices;

namespace TrainDsl.Runs;

/// <summary>
/// How a run uses glibc's allocator, which libtorch allocates every tensor from.
/// <para>
/// During training (<see cref="KeepFreedForReuse"/>): a step frees its activations when its dispose scope ends and
/// allocates them again in the next step. With glibc's defaults the freed top of the heap beyond a small threshold
/// goes back to the system at once, so every step faults tens of megabytes in again (about 15,000 page faults a
/// FashionBaseline step, a seventh of the process's CPU time in the kernel). Raising the trim threshold keeps those
/// blocks for the next step. Blocks of 32 MiB or more (glibc's ceiling for its mmap threshold) would still be mapped
/// and unmapped each time: an evaluation batch of 512 through SmallCnn faulted 25,000 pages per 1,000 test images, so
/// mmap is turned off and those blocks come from the heap too. A thread other than the main one allocates from its own arena of
/// 64 MiB heaps, and glibc unmaps a heap as soon as it is empty whatever the trim threshold: training on such a thread
/// (a test runner, Task.Run, a host) faulted 1.3 to 3.5 million pages in 200 FashionBaseline steps instead of 0.17
/// million. A top pad of one heap keeps them.
/// </para>
/// <para>
/// At the end of an epoch (<see cref="ReleaseFreed"/>): what the epoch freed goes back to the system, so a run's
/// RSS tracks what it holds. Two things hold freed memory otherwise: TorchSharp objects whose native handles are
/// released only by finalizers (the optimizer's per-step allocations; without a collection they pile up by about
/// 1 MiB an epoch), and the heap, which keeps freed blocks resident. The next epoch faults the released pages in
/// again (about 70,000 faults, 0.15 s a FashionBaseline epoch); without the trim a 10-epoch run's RSS grew 8 %.
/// </para>
/// Set TRAINDSL_RELEASE_MEMORY=0 to skip the epoch-end release, TRAINDSL_TUNE_MALLOC=0 to keep glibc's defaults;
/// setting any of glibc's own MALLOC_* variables or GLIBC_TUNABLES also leaves them alone.
/// </summary>
public static partial class NativeMemory
{
    // mallopt parameters (malloc.h).
    internal const int TrimThreshold = -1, TopPad = -2, MmapMax = -4;

    /// <summary>Freed heap top kept for reuse: more than any one step of the models here frees.</summary>
    internal const int KeptTopBytes = 1 << 30;

    /// <summary>Kept when a thread arena's heap empties: glibc's heap size (HEAP_MAX_SIZE on 64-bit), so no heap is unmapped.</summary>
    internal const int PadBytes = 64 << 20;

    /// <summary>
    /// Blocks glibc may map at once: none, so large ones are reused like the rest. A thread arena still maps a block too
    /// large for one of its heaps (glibc falls back to mmap), and the main heap maps when it cannot grow.
    /// </summary>
    internal const int MappedBlocks = 0;

    private static bool trimUnavailable, tuned;
    private static readonly bool ReleaseDisabled = Environment.GetEnvironmentVariable("TRAINDSL_RELEASE_MEMORY") == "0";

    /// <summary>
    /// The mallopt settings <see cref="KeepFreedForReuse"/> applies in a process with these environment variables:
    /// none when the user opted out or configured glibc's allocator themselves.
    /// </summary>
    internal static IReadOnlyList<(int Parameter, int Value)> AllocatorSettings(IDictionary environment)
    {
        if (environment["TRAINDSL_TUNE_MALLOC"] as string == "0") return [];
        foreach (DictionaryEntry entry in environment)
        {
            var name = (string)entry.Key;
            if (name == "GLIBC_TUNABLES" || name.StartsWith("MALLOC_", StringComparison.Ordinal))
                return [];
        }
        return [(TrimThreshold, KeptTopBytes), (TopPad, PadBytes), (MmapMax, MappedBlocks)];
    }

    /// <summary>Keeps blocks a training step frees for the next step (Linux with glibc; once per process).</summary>
    public static void KeepFreedForReuse()
    {
        if (tuned || !OperatingSystem.IsLinux()) return;
        tuned = true;
        try
        {
            foreach (var (parameter, value) in AllocatorSettings(Environment.GetEnvironmentVariables()))
                MallOpt(parameter, value);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // a libc without mallopt: its allocator is not glibc's, nothing to tune
        }
    }

    /// <summary>Runs finalizers of unreachable TorchSharp objects, then trims the heap (Linux only).</summary>
    public static void ReleaseFreed()
    {
        if (ReleaseDisabled) return;
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

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);
}
