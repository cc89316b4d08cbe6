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

    /// <summary>The files' relative paths ('/'-separated), in ordinal order.</summary>
    public static IReadOnlyList<string> Files { get; } = [.. typeof(PythonProject).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..].Replace('\\', '/'))
        .Order(StringComparer.Ordinal)];

    /// <summary>Writes every file into <paramref name="folder"/>, replacing files of the same name.</summary>
    public static void WriteTo(string folder)
    {
        var assembly = typeof(PythonProject).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal));
        foreach (var name in names)
        {
            var path = Path.Combine(folder, name[Prefix.Length..].Replace('\\', '/'));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var resource = assembly.GetManifestResourceStream(name)!;
            using var file = File.Create(path);
            resource.CopyTo(file);
        }
    }
}
