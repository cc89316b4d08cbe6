namespace TrainDsl.Data;

/// <summary>
/// A dataset's train and test sets, the validation set when one is held out (<see cref="ValidationSplit"/>) or given
/// by the source, and a sentence saying where they came from.
/// </summary>
public sealed record DatasetSplits(ImageDataset Train, ImageDataset Test, string Source) : IDisposable
{
    /// <summary>The set that selects best.bin, steps a plateau schedule and stops early; null when there is none.</summary>
    public ImageDataset? Validation { get; init; }

    /// <summary><see cref="Validation"/>, for code generated from a declared split; refuses splits without one.</summary>
    public ImageDataset RequiredValidation => Validation
        ?? throw new TrainDslException("These splits hold no validation set: load them with ValidationSplit.Load and a DataOptions.Validation above 0.");

    /// <summary>
    /// These splits with <see cref="DataOptions.TrainLimit"/> and <see cref="DataOptions.TestLimit"/> applied: each class
    /// keeps its first images, in proportion to the class sizes (<see cref="StratifiedLimit"/>), as the built-in sets do.
    /// A set the limit shrinks is replaced and disposed, so use the result in place of this; nothing changes for limits
    /// of 0 or at least the set's size. For an <see cref="IDataSource"/> that loads everything, then limits. The
    /// validation set is never limited.
    /// </summary>
    public DatasetSplits Limit(DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var train = Limited(Train, options.TrainLimit);
        ImageDataset test;
        try { test = Limited(Test, options.TestLimit); }
        catch { if (!ReferenceEquals(train, Train)) train.Dispose(); throw; }
        if (!ReferenceEquals(train, Train)) Train.Dispose();
        if (!ReferenceEquals(test, Test)) Test.Dispose();
        return ReferenceEquals(train, Train) && ReferenceEquals(test, Test) ? this : this with { Train = train, Test = test };
    }

    private static ImageDataset Limited(ImageDataset set, int limit)
    {
        var (images, labels) = StratifiedLimit.Apply(set.Images, set.Labels, set.Classes, limit);
        return ReferenceEquals(images, set.Images) ? set : new ImageDataset(images, labels, set.ClassNames, set.Mean, set.Std);
    }

    public void Dispose() { Train.Dispose(); Test.Dispose(); Validation?.Dispose(); }
}
