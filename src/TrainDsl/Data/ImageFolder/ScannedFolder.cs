namespace TrainDsl.Data.ImageFolder;

/// <summary>
/// What <see cref="FolderScan"/> found: the layout, the class names (ordinal order, the label order) and each class's
/// image files sorted by ordinal relative path; <see cref="Test"/> is null for one tree, whose <see cref="Train"/>
/// holds every file before the split. <see cref="Loose"/> counts image files outside any class folder (ignored).
/// </summary>
internal sealed record ScannedFolder(
    string Root, FolderLayout Layout, IReadOnlyList<string> ClassNames, ImageFile[][] Train, ImageFile[][]? Test, int Loose)
{
    /// <summary>The evaluation folder's name for split layouts ("test" or "val").</summary>
    public string? TestFolder => Layout switch { FolderLayout.TrainTest or FolderLayout.TrainValTest => "test", FolderLayout.TrainVal => "val", _ => null };
}
