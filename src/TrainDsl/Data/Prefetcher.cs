using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using TorchSharp;

namespace TrainDsl.Data;

/// <summary>
/// Runs a batch source ahead of its consumer on a worker thread, so the next batch is gathered and normalised while
/// the current step computes. The items must belong to no dispose scope (dispose scopes are thread-static, so a
/// tensor made in the worker's scope would be freed there): <see cref="BatchLoader"/>'s batches are detached.
/// The consumer sees the same items in the same order as without prefetching; leaving early disposes the ones
/// made ahead, and an exception in the worker is rethrown to the consumer.
/// </summary>
internal sealed class Prefetcher(int depth)
{
    private long waitedTicks;

    /// <summary>
    /// For leak checks, which count live tensors per thread: when set, every worker started in this logical flow
    /// adds the tensors it made and left alive (those it handed over, which the consumer's thread frees), as it makes
    /// them. A training session sets it (<see cref="Runs.TrainSession"/>), so its live-tensor count covers its loaders.
    /// </summary>
    internal static readonly AsyncLocal<StrongBox<long>?> HandedOver = new();

    /// <summary>Time the consumer spent blocked waiting for an item that was not ready yet, over all runs.</summary>
    public TimeSpan Waited => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref waitedTicks));

    public IEnumerable<T> Ahead<T>(IEnumerable<T> source) where T : IDisposable
    {
        using var queue = new BlockingCollection<T>(depth);
        using var stop = new CancellationTokenSource();
        var worker = Task.Factory.StartNew(() =>
        {
            var handedOver = HandedOver.Value;
            long counted = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            // Hands this thread's live tensors over to the flow's count as they are made, so a count read mid-run is current.
            void Count()
            {
                if (handedOver is null) return;
                long alive = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
                Interlocked.Add(ref handedOver.Value, alive - counted);
                counted = alive;
            }
            try
            {
                foreach (var item in source)
                {
                    Count();
                    try { queue.Add(item, stop.Token); }
                    catch (OperationCanceledException) { item.Dispose(); return; }
                }
            }
            finally
            {
                Count();
                queue.CompleteAdding();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            while (true)
            {
                if (!queue.TryTake(out var item))
                {
                    long start = Stopwatch.GetTimestamp();
                    bool taken = queue.TryTake(out item, Timeout.Infinite);
                    Interlocked.Add(ref waitedTicks, Stopwatch.GetTimestamp() - start);
                    if (!taken) break; // completed: the source ended or failed
                }
                yield return item!;
            }
            worker.GetAwaiter().GetResult(); // the worker's exception, if it failed
        }
        finally
        {
            stop.Cancel();
            try { worker.Wait(); } catch (AggregateException) { } // already rethrown above, or the consumer is failing anyway
            while (queue.TryTake(out var left)) left.Dispose();
        }
    }
}
