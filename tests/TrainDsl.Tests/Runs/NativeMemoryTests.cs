using System.Collections;
using TrainDsl.Runs;

namespace TrainDsl.Tests.Runs;

/// <summary>
/// Which allocator settings a training process gets. Their effect (page faults and kernel time per epoch) depends on
/// the training running on the process's main thread, as the generated executables do, so bench/run.sh measures it.
/// </summary>
public class NativeMemoryTests
{
    [Fact]
    public void TheTuningIsGlibcsTrimAndMmapThresholds()
    {
        // M_TRIM_THRESHOLD is -1 and M_MMAP_THRESHOLD -3 in glibc's malloc.h.
        Assert.Equal([(-1, 1 << 30), (-3, 32 << 20)], NativeMemory.AllocatorSettings(new Hashtable { ["PATH"] = "/usr/bin" }));
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
