using TrainDsl.Data.Images;

namespace TrainDsl.Data.ImageFolder;

/// <summary>
/// Finds an image folder's layout, classes and files without opening a file, with torchvision's ImageFolder rules:
/// classes are the class folders' names sorted ordinally (<see cref="StringComparer.Ordinal"/>, the label order);
/// a class's images are the files under its folder, at any depth, whose extension is one of
/// <see cref="ImageDecoder.Extensions"/> in any letter case. Files and folders whose names start with '.' are ignored.
/// A class with no image, or a class in one of train/ and test/ (or val/) only, is refused with a sentence naming it;
/// a train/, val/ and test/ tree's val/ is listed only when a validation set is declared (<see cref="ValidationFiles"/>).
/// </summary>
internal static class FolderScan
{
    /// <summary>Deeper than this under a class folder is taken for a symbolic-link loop.</summary>
    const int MaxDepth = 32;

    static readonly EnumerationOptions OneLevel = new() { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };

    /// <summary>The layout: train/ with test/ and/or val/ beside it, otherwise one tree of class folders.</summary>
    public static FolderLayout LayoutOf(string root)
    {
        bool Has(string name) => Directory.Exists(Path.Combine(root, name));
        if (!Has("train")) return FolderLayout.OneTree;
        if (Has("test")) return Has("val") ? FolderLayout.TrainValTest : FolderLayout.TrainTest;
        if (Has("val")) return FolderLayout.TrainVal;
        throw new TrainDslException(
            $"'{root}' has a train/ folder but no test/ or val/ beside it: put the evaluation images in " +
            $"'{Path.Combine(root, "test")}' as <class>/<image> files, or, if 'train' is a class of one tree of class " +
            "folders (split automatically), rename that folder.");
    }

    /// <summary>The class names, label order, from the class folders alone (no file is listed).</summary>
    public static string[] ClassNames(string root)
        => ClassFolders(LayoutOf(root) == FolderLayout.OneTree ? root : Path.Combine(root, "train"));

    public static ScannedFolder Scan(string root)
    {
        var layout = LayoutOf(root);
        if (layout == FolderLayout.OneTree)
        {
            var classes = ClassFolders(root);
            if (classes.Length == 0)
                throw new TrainDslException(
                    $"'{root}' holds no class folders: put each class's images in a folder of its own, '{root}/<class>/', " +
                    "or use train/<class>/ and test/<class>/ folders for a fixed split.");
            var files = classes.Select(c => Files(root, c)).ToArray();
            RefuseEmpty(root, classes, files, "cannot be learned", "add images there, or remove the folder{s}");
            return new ScannedFolder(root, layout, classes, files, null, LooseImages(root));
        }

        string testName = layout == FolderLayout.TrainVal ? "val" : "test";
        var trainRoot = Path.Combine(root, "train");
        var testRoot = Path.Combine(root, testName);
        var names = ClassFolders(trainRoot);
        if (names.Length == 0)
            throw new TrainDslException($"'{trainRoot}' holds no class folders: put each class's training images in '{trainRoot}/<class>/'.");
        var train = names.Select(c => Files(root, "train/" + c)).ToArray();
        RefuseEmpty(trainRoot, names, train, "cannot be learned", "add images there, or remove the folder{s}");
        var test = SetBeside(root, names, testName, "evaluated", "evaluation");
        return new ScannedFolder(root, layout, names, train, test, LooseImages(root) + LooseImages(trainRoot) + LooseImages(testRoot));
    }

    /// <summary>
    /// The val/ files of a train/, val/ and test/ tree, per class of <paramref name="scan"/> (label order), read when a
    /// recipe declares a validation set: val/ must hold exactly train/'s classes, each with an image.
    /// </summary>
    public static ImageFile[][] ValidationFiles(ScannedFolder scan)
    {
        if (scan.Layout != FolderLayout.TrainValTest) throw new InvalidOperationException("Only a train/, val/ and test/ tree has a validation folder.");
        return SetBeside(scan.Root, scan.ClassNames, "val", "validated", "validation");
    }

    /// <summary>The files of root/<paramref name="setName"/>/, whose class folders must be train/'s <paramref name="names"/>.</summary>
    static ImageFile[][] SetBeside(string root, IReadOnlyList<string> names, string setName, string use, string images)
    {
        var trainRoot = Path.Combine(root, "train");
        var setRoot = Path.Combine(root, setName);
        var setNames = ClassFolders(setRoot);
        if (names.Except(setNames, StringComparer.Ordinal).ToList() is { Count: > 0 } missing)
            throw new TrainDslException(
                $"{Classes(missing)} {(missing.Count == 1 ? "has" : "have")} training images in '{trainRoot}' but no folder in " +
                $"'{setRoot}', so {(missing.Count == 1 ? "it" : "they")} would never be {use}: add " +
                $"{string.Join(", ", missing.Select(m => $"'{Path.Combine(setRoot, m)}'"))} with {images} images, " +
                "or remove the class from train/.");
        if (setNames.Except(names, StringComparer.Ordinal).ToList() is { Count: > 0 } extra)
            throw new TrainDslException(
                $"{Classes(extra)} {(extra.Count == 1 ? "has a folder" : "have folders")} in '{setRoot}' but none in '{trainRoot}', " +
                $"so {(extra.Count == 1 ? "it" : "they")} cannot be learned: add the training images, or remove the " +
                $"{setName}/ folder{(extra.Count == 1 ? "" : "s")}.");
        var files = names.Select(c => Files(root, setName + "/" + c)).ToArray();
        RefuseEmpty(setRoot, names, files, $"would never be {use}", $"add {images} images there, or remove the class from train/ too");
        return files;
    }

    /// <summary>Non-hidden subfolders, ordinal order.</summary>
    static string[] ClassFolders(string folder)
    {
        var names = Read(folder, () => new DirectoryInfo(folder).EnumerateDirectories("*", OneLevel)
            .Select(d => d.Name).Where(n => !n.StartsWith('.')).ToArray());
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }

    /// <summary>The image files under root/<paramref name="classFolder"/>, ordinal order of their relative paths.</summary>
    static ImageFile[] Files(string root, string classFolder)
    {
        var found = new List<ImageFile>();
        Walk(new DirectoryInfo(Path.Combine(root, classFolder)), classFolder, 0, found);
        found.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return [.. found];
    }

    static void Walk(DirectoryInfo folder, string relative, int depth, List<ImageFile> found)
    {
        if (depth > MaxDepth)
            throw new TrainDslException(
                $"'{folder.FullName}' lies more than {MaxDepth} folders deep inside its class folder, so a symbolic link " +
                "probably points back up the tree: remove that link.");
        var entries = Read(folder.FullName, () => folder.EnumerateFileSystemInfos("*", OneLevel).ToList());
        foreach (var entry in entries)
        {
            if (entry.Name.StartsWith('.')) continue;
            var path = relative + "/" + entry.Name;
            if (entry is DirectoryInfo sub) Walk(sub, path, depth + 1, found);
            else if (ImageDecoder.IsImageFile(entry.Name)) found.Add(Describe(entry, path));
        }
    }

    /// <summary>
    /// The file's size and time; a link's are its target's, so editing the target changes the cache key. A file that
    /// cannot be examined (a broken link) is still listed: decoding then reports it like any unreadable image.
    /// </summary>
    static ImageFile Describe(FileSystemInfo entry, string path)
    {
        try
        {
            var info = entry.LinkTarget is null ? (FileInfo)entry : entry.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? (FileInfo)entry;
            return new ImageFile(path, info.Length, info.LastWriteTimeUtc.Ticks);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ImageFile(path, -1, 0);
        }
    }

    /// <summary>Image files directly in <paramref name="folder"/>, outside any class folder.</summary>
    static int LooseImages(string folder)
        => Read(folder, () => new DirectoryInfo(folder).EnumerateFiles("*", OneLevel)
            .Count(f => !f.Name.StartsWith('.') && ImageDecoder.IsImageFile(f.Name)));

    static void RefuseEmpty(string parent, IReadOnlyList<string> names, ImageFile[][] files, string consequence, string fix)
    {
        var empty = Enumerable.Range(0, names.Count).Where(c => files[c].Length == 0).ToList();
        if (empty.Count == 0) return;
        string s = empty.Count == 1 ? "" : "s", es = empty.Count == 1 ? "" : "es";
        throw new TrainDslException(
            $"No image files ({string.Join(", ", ImageDecoder.Extensions)}) were found in the class folder{s} " +
            $"{string.Join(", ", empty.Select(c => $"'{Path.Combine(parent, names[c])}'"))}, so class{es} " +
            $"{string.Join(", ", empty.Select(c => $"'{names[c]}'"))} {consequence}: {fix.Replace("{s}", s)}.");
    }

    static string Classes(IReadOnlyList<string> names)
        => names.Count == 1 ? $"Class '{names[0]}'" : $"Classes {string.Join(", ", names.Select(n => $"'{n}'"))}";

    /// <summary>A listing that fails (permissions, a folder removed meanwhile) becomes one sentence naming the folder.</summary>
    static T Read<T>(string path, Func<T> read)
    {
        try { return read(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrainDslException($"'{path}' cannot be read ({e.Message}); check that it exists and that this user may read it.", e);
        }
    }
}
