namespace TrainDsl.Data.ImageFolder;

/// <summary>
/// The files of the train and test sets, per class (indexed by label), each in ordinal path order: the order of the
/// rows in the decoded cache (train rows, class by class, then test rows).
/// </summary>
internal sealed record FolderSplit(IReadOnlyList<string> ClassNames, ImageFile[][] Train, ImageFile[][] Test)
{
    public long[] TrainCounts => [.. Train.Select(files => (long)files.Length)];
    public long[] TestCounts => [.. Test.Select(files => (long)files.Length)];

    /// <summary>Every file in cache row order, with its label and whether it is a training image.</summary>
    public IEnumerable<(ImageFile File, int Label, bool IsTrain)> Rows()
    {
        for (int c = 0; c < Train.Length; c++) foreach (var f in Train[c]) yield return (f, c, true);
        for (int c = 0; c < Test.Length; c++) foreach (var f in Test[c]) yield return (f, c, false);
    }
}
