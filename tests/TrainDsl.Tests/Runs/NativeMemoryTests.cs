using System.Collections;
using TrainDsl.Runs;

namespace TrainDsl.Tests.Runs;

/// <summary>
/// Which allocator settings a training process gets. Their effect (page faults and kernel time per epoch) is measured by
/// bench/run.sh, not here: the counters are the whole test process's, which runs other tests at the same time.
/// </summary>
public class NativeMemoryTests
{
    [Fact]
    public void TheTuningIsGlibcsTrimThresholdTopPadAndNoMappedBlocks()
    {
        // M_TRIM_THRESHOLD is -1, M_TOP_PAD -2 and M_MMAP_MAX -4 in glibc's malloc.h; 64 MiB is a thread arena's heap.
        Assert.Equal([(-1, 1 << 30), (-2, 64 << 20), (-4, 0)], NativeMemory.AllocatorSettings(new Hashtable { ["PATH"] = "/usr/bin" }));
    }

    [Theory]
    [InlineData("TRAINDSL_TUNE_MALLOC", "0")]
    [InlineData("MALLOC_TRIM_THRESHOLD_", "131072")]
    [InlineData("MALLOC_ARENA_MAX", "2")]
    [InlineData("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1")]
    public void AUserWhoConfiguredTheAllocatorKeepsTheirSettings(string name, string value)
    {
        Assert.Empty(NativeMemory.AllocatorSettings(new Hashtable { [name] = value }));
    }
}
