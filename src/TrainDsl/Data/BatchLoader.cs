namespace TrainDsl.Data;

/// <summary>
/// Turns an in-memory <see cref="ImageDataset"/> into normalised mini-batches, shuffled by a seeded
/// permutation per epoch, gathering whole batches with tensor indexing (no per-sample loop).
/// </summary>
public sealed class BatchLoader
{
    public BatchLoader(ImageDataset data, int batchSize, bool shuffle, bool dropLast, long seed)
        => throw new NotImplementedException();

    /// <summary>Batches per epoch.</summary>
    public int Count => throw new NotImplementedException();

    /// <summary>The batches of one epoch; the order depends only on the seed and the epoch.</summary>
    public IEnumerable<Batch> Epoch(int epoch) => throw new NotImplementedException();
}
