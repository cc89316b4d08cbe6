using TorchSharp;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>
/// Checks that a whole Train or Evaluate call frees every tensor it created on this thread: the model, the optimizer's
/// state, metric accumulators and any handle a building block hands back. A leak of a few tensors per call is invisible
/// in one run's metrics.csv but grows with every run of a sweep or a notebook session.
/// </summary>
internal static class LiveTensors
{
    public static T LeftUnchangedBy<T>(Func<T> call)
    {
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var result = call();
        long after = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        Assert.True(before == after, $"{after - before} tensors created by the call are still alive after it returned.");
        return result;
    }
}
