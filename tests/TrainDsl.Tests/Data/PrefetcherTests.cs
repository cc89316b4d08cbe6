using TrainDsl.Data;

namespace TrainDsl.Tests.Data;

/// <summary>Batches made ahead on a worker thread: the same batches in the same order, nothing leaked, errors surfaced.</summary>
public class PrefetcherTests
{
    /// <summary>An item that records whether it was disposed, and on which thread it was made.</summary>
    private sealed class Item(int value) : IDisposable
    {
        public int Value { get; } = value;
        public int MadeOnThread { get; } = Environment.CurrentManagedThreadId;
        public bool Disposed { get; private set; }
        public void Dispose() => Disposed = true;
    }

    private static IEnumerable<Item> Source(int count, List<Item> made, int? failAt = null)
    {
        for (int i = 0; i < count; i++)
        {
            if (i == failAt) throw new InvalidDataException($"item {i} is bad");
            var item = new Item(i);
            lock (made) made.Add(item);
            yield return item;
        }
    }

    [Fact]
    public void ShuffledBatchesAreTheSameWithAndWithoutPrefetching()
    {
        var train = SharedData.Fashion.Train;
        var ahead = new BatchLoader(train, 500, shuffle: true, dropLast: false, seed: 3);
        var inline = new BatchLoader(train, 500, shuffle: true, dropLast: false, seed: 3, prefetch: 0);
        foreach (int epoch in new[] { 0, 1 })
        {
            using var a = ahead.Epoch(epoch).Take(7).ToList().AsDisposable();
            using var b = inline.Epoch(epoch).Take(7).ToList().AsDisposable();
            Assert.Equal(7, a.Items.Count);
            for (int i = 0; i < 7; i++)
            {
                TensorAssert.Identical(b.Items[i].Images, a.Items[i].Images);
                TensorAssert.Identical(b.Items[i].Labels, a.Items[i].Labels);
            }
        }
        Assert.Equal(TimeSpan.Zero, inline.Waited);
    }

    [Fact]
    public void ItemsAreMadeOnAWorkerThreadInOrder()
    {
        var made = new List<Item>();
        var seen = new Prefetcher(2).Ahead(Source(20, made)).Select(item => { using (item) return (item.Value, item.MadeOnThread); }).ToList();

        Assert.Equal(Enumerable.Range(0, 20), seen.Select(s => s.Value));
        Assert.All(seen, s => Assert.NotEqual(Environment.CurrentManagedThreadId, s.MadeOnThread));
    }

    [Fact]
    public void LeavingEarlyDisposesTheItemsMadeAhead()
    {
        var made = new List<Item>();
        Item first;
        using (var items = new Prefetcher(2).Ahead(Source(100, made)).GetEnumerator())
        {
            Assert.True(items.MoveNext());
            first = items.Current;
            // The worker fills the queue (items 1 and 2) and blocks adding item 3.
            Assert.True(SpinWait.SpinUntil(() => { lock (made) return made.Count == 4; }, TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(4, made.Count); // it stopped there
        Assert.False(first.Disposed); // the consumer's own item is the consumer's to dispose
        Assert.All(made.Skip(1), item => Assert.True(item.Disposed, $"item {item.Value} was made ahead and leaked"));
    }

    [Fact]
    public void AFailureInTheSourceReachesTheConsumerAfterTheItemsBeforeIt()
    {
        var made = new List<Item>();
        var seen = new List<int>();

        var error = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var item in new Prefetcher(1).Ahead(Source(10, made, failAt: 4)))
                using (item) seen.Add(item.Value);
        });

        Assert.Equal("item 4 is bad", error.Message);
        Assert.Equal([0, 1, 2, 3], seen);
    }

    [Fact]
    public void NegativePrefetchIsRefusedWithOneSentence()
    {
        var error = Assert.Throws<ArgumentException>(() => new BatchLoader(SharedData.Fashion.Train, 10, shuffle: false, dropLast: false, prefetch: -1));
        Assert.StartsWith("Prefetch is the number of batches made ahead, so it cannot be negative (-1).", error.Message);
    }
}

internal static class DisposableList
{
    public sealed class Owner<T>(List<T> items) : IDisposable where T : IDisposable
    {
        public List<T> Items { get; } = items;
        public void Dispose() { foreach (var item in Items) item.Dispose(); }
    }

    public static Owner<T> AsDisposable<T>(this List<T> items) where T : IDisposable => new(items);
}
