using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace TrainDsl.Generators.Tests.Infrastructure;

/// <summary>
/// What test compilations reference: the running framework's assemblies (from the trusted platform
/// assemblies list, so nothing is downloaded), TorchSharp and the TrainDsl runtime.
/// </summary>
internal static class TestReferences
{
    public static ImmutableArray<MetadataReference> All { get; } = Create();

    /// <summary>The implicit usings a project referencing TrainDsl gets: the SDK's and the package's.</summary>
    public const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using TrainDsl;
        global using static TrainDsl.Recipe;
        """;

    private static ImmutableArray<MetadataReference> Create()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var paths = trusted
            .Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDirectory, StringComparison.Ordinal))
            .Append(typeof(TrainDsl.ExperimentAttribute).Assembly.Location)
            .Append(typeof(TorchSharp.torch).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(p => p, StringComparer.Ordinal);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }
}
