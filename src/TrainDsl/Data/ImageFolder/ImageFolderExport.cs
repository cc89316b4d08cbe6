using TrainDsl.Data.Images;

namespace TrainDsl.Data.ImageFolder;

/// <summary>
/// Writes a dataset's images as an image folder, root/train/&lt;class&gt;/*.png and root/test/&lt;class&gt;/*, the
/// layout <see cref="ImageFolderDataset"/> reads: for looking at the data, or for handing it to another tool.
/// Files are numbered in the set's order within each class (00000.png, ...). Class names become folder names with
/// the characters a file name cannot hold replaced by '-' ("T-shirt/top" → "T-shirt-top").
/// </summary>
public static class ImageFolderExport
{
    /// <summary>Writes both sets; returns the number of files written. An existing train/ or test/ is refused, not mixed into.</summary>
    public static int Write(DatasetSplits data, string root, ImageFileFormat format = ImageFileFormat.Png, int quality = 95, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        RefuseFilled(root);
        var folders = FolderNames(data.Train.ClassNames);
        int written = WriteSet(data.Train, Path.Combine(root, "train"), folders, format, quality);
        written += WriteSet(data.Test, Path.Combine(root, "test"), folders, format, quality);
        log?.WriteLine($"Wrote {written:N0} {format.ToString().ToUpperInvariant()} files ({data.Train.Count:N0} train, {data.Test.Count:N0} test) under '{root}'.");
        return written;
    }

    /// <summary>Refuses a root whose train/ or test/ already holds files, so an export never mixes into older images.</summary>
    public static void RefuseFilled(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        foreach (var split in new[] { "train", "test" })
        {
            var existing = Path.Combine(root, split);
            if (Directory.Exists(existing) && Directory.EnumerateFileSystemEntries(existing).Any())
                throw new TrainDslException($"'{existing}' already holds files; export into an empty folder, or delete it first.");
        }
    }

    /// <summary>One folder name per class, made safe for every file system, and distinct.</summary>
    public static IReadOnlyList<string> FolderNames(IReadOnlyList<string> classNames)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var names = classNames.Select(name =>
        {
            var safe = new string(name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '-' : c).ToArray()).Trim().TrimEnd('.');
            return safe.Length == 0 || safe.StartsWith('.') ? "class-" + safe.TrimStart('.') : safe;
        }).ToArray();
        var duplicate = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new TrainDslException($"Two classes would share the folder '{duplicate.Key}'; rename one of them before exporting.");
        return names;
    }

    private static int WriteSet(ImageDataset set, string folder, IReadOnlyList<string> classFolders, ImageFileFormat format, int quality)
    {
        foreach (var name in classFolders) Directory.CreateDirectory(Path.Combine(folder, name));
        byte[] pixels;
        long[] labels;
        using (TorchSharp.torch.NewDisposeScope())
        {
            pixels = set.Images.contiguous().data<byte>().ToArray();
            labels = set.Labels.data<long>().ToArray();
        }
        int size = set.Channels * set.Height * set.Width;
        // Each image's number within its class, in the set's order, so names do not depend on thread timing.
        var numbers = new int[labels.Length];
        var seen = new int[classFolders.Count];
        for (int i = 0; i < labels.Length; i++) numbers[i] = seen[labels[i]]++;
        var extension = ImageEncoder.Extension(format);
        Parallel.For(0, labels.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var bytes = ImageEncoder.Encode(pixels.AsSpan(i * size, size), set.Channels, set.Height, set.Width, format, quality);
            File.WriteAllBytes(Path.Combine(folder, classFolders[(int)labels[i]], numbers[i].ToString("D5", System.Globalization.CultureInfo.InvariantCulture) + extension), bytes);
        });
        return labels.Length;
    }
}
