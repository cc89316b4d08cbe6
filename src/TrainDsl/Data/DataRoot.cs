namespace TrainDsl.Data;

/// <summary>
/// The folder that holds IDX files and binary caches: <see cref="DataOptions.Root"/>, else
/// $TRAINDSL_DATA, else the user cache folder ($XDG_CACHE_HOME or ~/.cache) + /traindsl.
/// </summary>
internal static class DataRoot
{
    public const string EnvironmentVariable = "TRAINDSL_DATA";

    public static string Resolve(DataOptions options) => Resolve(options, Environment.GetEnvironmentVariable);

    /// <summary>Same rule with an injectable environment, so tests need not touch the process environment.</summary>
    public static string Resolve(DataOptions options, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(options.Root)) return Path.GetFullPath(options.Root);
        var fromEnv = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv)) return Path.GetFullPath(fromEnv);
        var cache = environment("XDG_CACHE_HOME");
        if (string.IsNullOrWhiteSpace(cache))
        {
            cache = OperatingSystem.IsWindows()
                ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                : Path.Combine(environment("HOME") is { Length: > 0 } home
                    ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }
        return Path.Combine(Path.GetFullPath(cache), "traindsl");
    }

    /// <summary>
    /// Where distributions install datasets: Debian's dataset-fashion-mnist puts the official IDX files in
    /// /usr/share/datasets/fashion-mnist.
    /// </summary>
    public const string SystemDatasets = "/usr/share/datasets";

    /// <summary>
    /// Folders searched for IDX files: &lt;root&gt;/&lt;name&gt;, an explicitly given Root itself, then the system's
    /// <see cref="SystemDatasets"/>/&lt;name&gt; (unless <see cref="DataOptions.SearchSystemFolders"/> is off).
    /// </summary>
    public static IEnumerable<string> IdxFolders(DataOptions options, string root, string datasetFolder)
    {
        yield return Path.Combine(root, datasetFolder);
        if (!string.IsNullOrWhiteSpace(options.Root)) yield return root;
        if (options.SearchSystemFolders) yield return Path.Combine(SystemDatasets, datasetFolder);
    }
}
