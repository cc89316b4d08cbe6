namespace TrainDsl.Generators.Parts.Data;

/// <summary>Where the generated code gets its data: a built-in dataset or a type of the user's.</summary>
/// <param name="BuiltIn">The built-in dataset; null for a user's type.</param>
/// <param name="Type">The user's type as generated code spells it, <c>global::Ns.MyImages</c>; null for a built-in dataset.</param>
/// <param name="Name">In the generated summaries: "CIFAR-10", "MyImages".</param>
internal sealed record ResolvedDataSource(DatasetKind? BuiltIn, string? Type, string Name)
{
    /// <summary>The declared source; the rules guarantee one of the two is set and valid.</summary>
    public static ResolvedDataSource Resolve(DataPart data)
        => data.Source is { } source
            ? new ResolvedDataSource(null, source.FullyQualifiedName, source.Name)
            : new ResolvedDataSource(data.Dataset!.Value, null, BuiltInDatasets.Name(data.Dataset.Value));
}
