using System.Security.Cryptography;
using System.Text;

namespace TrainDsl.Data.ImageFolder;

/// <summary>
/// What a decoded cache was made from. <see cref="Of"/>: SHA-256 over the format version, layout, channels, size and,
/// for both sets class by class, the class name and every file's relative path, size and last write time, so adding,
/// removing, renaming, editing or re-splitting any file gives another key (the split's seed and fraction act through
/// the file lists). <see cref="FileName"/>: the cache's name, from what does not change as files come and go.
/// </summary>
internal static class CacheKey
{
    public static byte[] Of(FolderLayout layout, FolderSplit split, int channels, int size)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Long(long v) { Span<byte> b = stackalloc byte[8]; BitConverter.TryWriteBytes(b, v); if (!BitConverter.IsLittleEndian) b.Reverse(); hash.AppendData(b); }
        void Text(string s) { var b = Encoding.UTF8.GetBytes(s); Long(b.Length); hash.AppendData(b); }
        Text("TrainDsl image folder");
        Long(ImageFolderCache.FormatVersion); Long((long)layout); Long(channels); Long(size);
        Long(split.ClassNames.Count);
        foreach (var set in new[] { split.Train, split.Test })
        {
            for (int c = 0; c < set.Length; c++)
            {
                Text(split.ClassNames[c]);
                Long(set[c].Length);
                foreach (var f in set[c]) { Text(f.RelativePath); Long(f.Length); Long(f.LastWriteTicks); }
            }
        }
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// "&lt;folder name&gt;-&lt;16 hex digits&gt;.cache", the digits hashing the folder's full path, channels, size and,
    /// for one tree, the split's seed and fraction: each such configuration keeps a cache of its own, and a changed file
    /// replaces its configuration's cache instead of leaving the old one behind.
    /// </summary>
    public static string FileName(string folder, FolderLayout layout, int channels, int size, double testFraction, long seed)
    {
        var settings = $"{folder}\n{channels}\n{size}" + (layout == FolderLayout.OneTree ? $"\n{seed}\n{BitConverter.DoubleToInt64Bits(testFraction)}" : "");
        var digits = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(settings)), 0, 8);
        var name = new string(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))
            .Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_').Take(40).ToArray());
        return $"{(name.Length > 0 ? name : "images")}-{digits}.cache";
    }
}
