namespace TrainDsl.Generators.Parts.Data;

/// <summary>
/// <c>[Data(dataset or typeof(T), TrainLimit = .., TestLimit = .., Imbalance = ..)]</c> as written: exactly one of
/// <see cref="Dataset"/> and <see cref="Source"/> is set unless the attribute is malformed.
/// </summary>
/// <param name="Dataset">A built-in dataset.</param>
/// <param name="Source">A <c>typeof(T)</c> source of the user's.</param>
/// <param name="Argument">The dataset or type argument, where TD0027 points.</param>
internal sealed record DataPart(
    Argument<DatasetKind>? Dataset,
    DataSourceTypeInfo? Source,
    Argument<int>? TrainLimit,
    Argument<int>? TestLimit,
    Argument<double>? Imbalance,
    ImageFolderOptions ImageFolder,
    LocationInfo? Argument,
    LocationInfo? Attribute)
{
    public static readonly PartOptions<DataPart> Options = new(p => p.Dataset)
    {
        { nameof(TrainLimit), p => p.TrainLimit, ConfigCheck.AllOrMore },
        { nameof(TestLimit), p => p.TestLimit, ConfigCheck.AllOrMore },
        { nameof(Imbalance), p => p.Imbalance, ConfigCheck.BalancedOrMore },
        { nameof(ImageFolderOptions.Path), p => p.ImageFolder.Path, null, DatasetKind.ImageFolder },
        { nameof(ImageFolderOptions.Size), p => p.ImageFolder.Size, ConfigCheck.AtLeastOne, DatasetKind.ImageFolder },
        { nameof(ImageFolderOptions.Channels), p => p.ImageFolder.Channels, ConfigCheck.Channels, DatasetKind.ImageFolder },
        { nameof(ImageFolderOptions.TestFraction), p => p.ImageFolder.TestFraction, ConfigCheck.Shrinking, DatasetKind.ImageFolder },
        { nameof(ImageFolderOptions.BadImages), p => p.ImageFolder.BadImages, null, DatasetKind.ImageFolder },
    };

    /// <summary>The dataset as messages name it: <c>[Data(Cifar10)]</c>, <c>[Data(typeof(MyImages))]</c>.</summary>
    public string? Written => Dataset is { } dataset ? "[Data(" + dataset.Value + ")]"
        : Source is { } source ? "[Data(typeof(" + source.Name + "))]"
        : null;
}

/// <summary><c>[Data(ImageFolder, Path = .., Size = .., Channels = .., TestFraction = .., BadImages = ..)]</c>'s own options as written.</summary>
internal sealed record ImageFolderOptions(
    Argument<string>? Path,
    Argument<int>? Size,
    Argument<int>? Channels,
    Argument<double>? TestFraction,
    Argument<BadImagePolicy>? BadImages);

/// <summary>What is wrong with a <c>[Data(typeof(T))]</c> type (TD0027).</summary>
internal enum DataSourceTypeProblem { None, NotADataSource, Interface, Abstract, OpenGeneric, NoPublicParameterlessConstructor }

/// <summary>A user's data source type.</summary>
/// <param name="FullyQualifiedName">As generated code spells it: <c>global::Ns.MyImages</c>.</param>
/// <param name="DisplayName">As messages show it: <c>Ns.MyImages</c>.</param>
/// <param name="Name">As summaries show it: <c>MyImages</c>.</param>
internal sealed record DataSourceTypeInfo(string FullyQualifiedName, string DisplayName, string Name, DataSourceTypeProblem Problem);
