namespace TrainDsl.Generators.Parts.Data;

/// <summary>Where the generated code gets its data: a built-in dataset, an image folder, or a type of the user's.</summary>
/// <param name="BuiltIn">The dataset kind (ImageFolder included); null for a user's type.</param>
/// <param name="Type">The user's type as generated code spells it, <c>global::Ns.MyImages</c>; null otherwise.</param>
/// <param name="Name">In the generated summaries: "CIFAR-10", "an image folder", "MyImages".</param>
/// <param name="Folder">The image folder's settings; null for other sources.</param>
internal sealed record ResolvedDataSource(DatasetKind? BuiltIn, string? Type, string Name, ResolvedImageFolder? Folder)
{
    /// <summary>The declared source; the rules guarantee one of the two is set and valid.</summary>
    public static ResolvedDataSource Resolve(DataPart data)
    {
        if (data.Source is { } source) return new ResolvedDataSource(null, source.FullyQualifiedName, source.Name, null);
        var kind = data.Dataset!.Value;
        return kind == DatasetKind.ImageFolder
            ? new ResolvedDataSource(kind, null, "an image folder", ResolvedImageFolder.Resolve(data))
            : new ResolvedDataSource(kind, null, BuiltInDatasets.Name(kind), null);
    }
}

/// <summary>An image folder's settings with their defaults; the Config properties start from them.</summary>
internal sealed record ResolvedImageFolder(string Path, int Size, int Channels, double TestFraction, BadImagePolicy BadImages)
{
    public static ResolvedImageFolder Resolve(DataPart data) => new(
        data.Path?.Value ?? Defaults.ImageFolderPath,
        data.Size?.Value ?? 0, // TD0029 reports a missing Size; no code is generated then
        data.Channels?.Value ?? Defaults.ImageChannels,
        data.TestFraction?.Value ?? Defaults.TestFraction,
        data.BadImages?.Value ?? Defaults.BadImages);
}
