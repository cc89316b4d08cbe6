using System.Runtime.CompilerServices;
using TorchSharp;
using TrainDsl.Data;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>
/// Checks that a whole Train or Evaluate call frees every tensor it created on this thread: the model, the optimizer's
/// state, metric accumulators and any handle a building block hands back. A leak of a few tensors per call is invisible
/// in one run's metrics.csv but grows with every run of a sweep or a notebook session. Batches made ahead on a loader's
/// worker thread count on that thread and are freed on this one, so the workers report what they handed over.
/// </summary>
internal static class LiveTensors
{
    public static T LeftUnchangedBy<T>(Func<T> call)
    {
        var handedOver = new StrongBox<long>();
        var outer = Prefetcher.HandedOver.Value;
        Prefetcher.HandedOver.Value = handedOver;
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        T result;
        try { result = call(); }
        finally { Prefetcher.HandedOver.Value = outer; }
        long after = DisposeScopeManager.Statistics.ThreadTotalLiveCount + Interlocked.Read(ref handedOver.Value);
        Assert.True(before == after, $"{after - before} tensors created by the call are still alive after it returned.");
        return result;
    }
}
