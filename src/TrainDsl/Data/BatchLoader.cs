using TorchSharp;
using static TorchSharp.torch;

namespace TrainDsl.Data;

/// <summary>
/// Turns an in-memory <see cref="ImageDataset"/> into normalised mini-batches, shuffled by a seeded
/// permutation per epoch, gathering whole batches with tensor indexing (no per-sample loop).
/// <para>Epoch e uses torch.randperm(N, generator seeded with seed + e), the convention of
/// PyTorch's DistributedSampler, so the order depends only on (seed, epoch) and can be reproduced
/// in PyTorch. Each batch is index_select on the uint8 images, then one float conversion and the
/// in-place normalisation (x/255 − mean)/std = x·(1/(255·std)) − mean/std.</para>
/// <para>Yielded batches belong to no dispose scope: attach each to the step's scope or dispose it.</para>
/// <para>By default the next batch is made on a worker thread while the consumer uses the current one
/// (<see cref="Prefetcher"/>), so a training step does not wait for its data; <see cref="Waited"/> says how long it did.</para>
/// </summary>
public sealed class BatchLoader
{
    readonly ImageDataset _data;
    readonly int _batchSize;
    readonly bool _shuffle;
    readonly bool _dropLast;
    readonly long _seed;
    readonly double[] _scale;
    readonly double[] _shift;
    readonly Prefetcher? _prefetcher;

    /// <param name="data">The images and labels to batch.</param>
    /// <param name="batchSize">Images per batch.</param>
    /// <param name="shuffle">Whether each epoch visits the images in a new seeded order.</param>
    /// <param name="dropLast">Whether a last batch smaller than <paramref name="batchSize"/> is dropped.</param>
    /// <param name="seed">Seeds the shuffled order; an unshuffled loader has no use for it.</param>
    /// <param name="prefetch">Batches made ahead on a worker thread; 0 makes each on the consumer's thread when asked for.</param>
    public BatchLoader(ImageDataset data, int batchSize, bool shuffle, bool dropLast, long seed = 0, int prefetch = 1)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (batchSize < 1)
            throw new ArgumentException($"The batch size must be at least 1, not {batchSize}.", nameof(batchSize));
        if (dropLast && batchSize > data.Count)
            throw new ArgumentException(
                $"A batch size of {batchSize} with dropLast leaves no batch from {data.Count} images; use a smaller batch size or dropLast: false.",
                nameof(batchSize));
        if (prefetch < 0)
            throw new ArgumentException($"Prefetch is the number of batches made ahead, so it cannot be negative ({prefetch}).", nameof(prefetch));
        _data = data; _batchSize = batchSize; _shuffle = shuffle; _dropLast = dropLast; _seed = seed;
        _prefetcher = prefetch > 0 ? new Prefetcher(prefetch) : null;
        _scale = data.Std.Select(s => 1.0 / (255.0 * s)).ToArray();
        _shift = data.Mean.Zip(data.Std, (m, s) => -(double)m / s).ToArray();
    }

    public int BatchSize => _batchSize;

    /// <summary>Batches per epoch.</summary>
    public int Count => _dropLast ? _data.Count / _batchSize : (_data.Count + _batchSize - 1) / _batchSize;

    /// <summary>Time consumers spent waiting for a batch that was not ready yet, over all epochs; zero without prefetching.</summary>
    public TimeSpan Waited => _prefetcher?.Waited ?? TimeSpan.Zero;

    /// <summary>The batches of one epoch; the order depends only on the seed and the epoch.</summary>
    public IEnumerable<Batch> Epoch(int epoch) => _prefetcher is null ? Batches(epoch) : _prefetcher.Ahead(Batches(epoch));

    private IEnumerable<Batch> Batches(int epoch)
    {
        var order = _shuffle ? Permutation(epoch) : null;
        try
        {
            for (int b = 0; b < Count; b++)
            {
                int start = b * _batchSize;
                yield return Make(order, start, Math.Min(_batchSize, _data.Count - start));
            }
        }
        finally { order?.Dispose(); }
    }

    /// <summary>The sample order of a shuffled epoch: torch.randperm(N) with a generator seeded from seed + epoch.</summary>
    internal Tensor Permutation(int epoch)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(unchecked((ulong)(_seed + epoch)));
        return scope.Detach(randperm(_data.Count, ScalarType.Int64, generator: generator));
    }

    // A scope of its own, closed before the batch is yielded, so nothing the consumer creates
    // between MoveNext calls lands in it; the two results are detached and so belong to no scope.
    Batch Make(Tensor? order, int start, int size)
    {
        using var scope = NewDisposeScope();
        Tensor pixels, labels;
        if (order is null)
        {
            pixels = _data.Images.narrow(0, start, size);
            labels = _data.Labels.narrow(0, start, size).clone();
        }
        else
        {
            var index = order.narrow(0, start, size);
            pixels = _data.Images.index_select(0, index);
            labels = _data.Labels.index_select(0, index);
        }
        var images = pixels.to(ScalarType.Float32);
        if (_scale.Length == 1) images.mul_(_scale[0]).add_(_shift[0]);
        else
        {
            long c = _scale.Length;
            images.mul_(tensor(_scale, ScalarType.Float32).view(1, c, 1, 1)).add_(tensor(_shift, ScalarType.Float32).view(1, c, 1, 1));
        }
        scope.Detach(images, labels);
        return new Batch(images, labels);
    }
}
