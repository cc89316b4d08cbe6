namespace TrainDsl.Data;

/// <summary>A dataset's train and test sets, and a sentence saying where they came from.</summary>
public sealed record DatasetSplits(ImageDataset Train, ImageDataset Test, string Source) : IDisposable
{
    public void Dispose() { Train.Dispose(); Test.Dispose(); }
}
