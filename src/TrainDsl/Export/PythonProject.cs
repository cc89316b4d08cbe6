using System.Reflection;

namespace TrainDsl.Export;

/// <summary>
/// The exported PyTorch project's own files (train.py and what it imports), embedded in this assembly from
/// src/TrainDsl/Export/Python/ under their relative paths, so an experiment executable carries them.
/// </summary>
public static class PythonProject
{
    /// <summary>The resources' name prefix; TrainDsl.csproj gives every file under Export/Python/ a name after it.</summary>
    private const string Prefix = "TrainDsl.Export.Python/";

    // Each resource's name and its file's relative path ('/'-separated: a Windows build names subfolders with '\').
    private static readonly (string Resource, string File)[] Resources = [.. typeof(PythonProject).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => (n, n[Prefix.Length..].Replace('\\', '/')))
        .OrderBy(r => r.Item2, StringComparer.Ordinal)];

    /// <summary>The files' relative paths ('/'-separated), in ordinal order.</summary>
    public static IReadOnlyList<string> Files { get; } = [.. Resources.Select(r => r.File)];

    /// <summary>Writes every file into <paramref name="folder"/>, replacing files of the same name.</summary>
    public static void WriteTo(string folder)
    {
        foreach (var (resource, file) in Resources)
        {
            var path = Path.Combine(folder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var input = typeof(PythonProject).Assembly.GetManifestResourceStream(resource)!;
            using var output = File.Create(path);
            input.CopyTo(output);
        }
    }
}
