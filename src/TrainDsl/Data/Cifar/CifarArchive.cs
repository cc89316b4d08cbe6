using System.Formats.Tar;
using System.IO.Compression;

namespace TrainDsl.Data;

/// <summary>
/// Unpacks a CIFAR binary archive (.tar.gz) once: the wanted files (matched by file name, whatever folder the
/// archive keeps them in) go to a temporary folder, and only when all are there do they move to the destination,
/// so an interrupted or wrong archive leaves nothing half-unpacked. A lock file keeps concurrent loads from
/// unpacking twice; files already at the destination are kept.
/// </summary>
internal static class CifarArchive
{
    /// <summary>Puts the <paramref name="required"/> files of <paramref name="archive"/> (and the optional ones it has) into <paramref name="destination"/>.</summary>
    /// <remarks>The optional files are those the loader can do without: the class names.</remarks>
    public static void Unpack(string archive, string destination, IReadOnlyList<string> required, IReadOnlyList<string> optional,
        string datasetName, TextWriter? log)
    {
        using var _ = CacheLock.Acquire(destination, TimeSpan.FromMinutes(15));
        if (required.All(name => File.Exists(Path.Combine(destination, name)))) return; // unpacked while we waited

        var temporary = destination + ".unpacking-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(temporary);
        try
        {
            var wanted = required.Concat(optional).ToHashSet(StringComparer.Ordinal);
            var found = new List<string>();
            try
            {
                using var file = File.OpenRead(archive);
                using var gzip = new GZipStream(file, CompressionMode.Decompress);
                using var tar = new TarReader(gzip);
                while (tar.GetNextEntry() is { } entry)
                {
                    var name = Path.GetFileName(entry.Name);
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !wanted.Remove(name)) continue;
                    entry.ExtractToFile(Path.Combine(temporary, name), overwrite: false);
                    found.Add(name);
                }
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
            {
                throw new InvalidDataException(
                    $"The archive '{archive}' is not a readable .tar.gz file ({e.Message.TrimEnd('.')}); replace it with the official {datasetName} binary archive.", e);
            }

            var missing = required.Where(name => !found.Contains(name)).ToList();
            if (missing.Count > 0)
                throw new InvalidDataException(
                    $"The archive '{archive}' holds no {string.Join(", ", missing)}, so it is not the official {datasetName} binary archive; nothing was unpacked.");

            Directory.CreateDirectory(destination);
            foreach (var name in found)
            {
                var target = Path.Combine(destination, name);
                if (!File.Exists(target)) File.Move(Path.Combine(temporary, name), target);
            }
            log?.WriteLine($"Unpacked {datasetName} from '{archive}' into '{destination}'.");
        }
        finally
        {
            Directory.Delete(temporary, recursive: true);
        }
    }
}
