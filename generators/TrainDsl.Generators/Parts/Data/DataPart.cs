namespace TrainDsl.Generators.Parts.Data;

/// <summary>
/// <c>[Data(dataset or typeof(T), TrainLimit = .., TestLimit = .., Imbalance = .., Validation = ..)]</c> as written, with an image
/// folder's Path, Size, Channels, TestFraction and BadImages: exactly one of
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
    Argument<double>? Validation,
    Argument<string>? Path,
    Argument<int>? Size,
    Argument<int>? Channels,
    Argument<double>? TestFraction,
    Argument<BadImagePolicy>? BadImages,
    LocationInfo? Argument,
    LocationInfo? Attribute)
{
    public static readonly PartOptions<DataPart> Options = new(p => p.Dataset, "dataset")
    {
        { nameof(TrainLimit), p => p.TrainLimit, ConfigCheck.AllOrMore },
        { nameof(TestLimit), p => p.TestLimit, ConfigCheck.AllOrMore },
        { nameof(Imbalance), p => p.Imbalance, ConfigCheck.BalancedOrMore },
        { nameof(Validation), p => p.Validation, ConfigCheck.Shrinking },
        // An image folder's own options.
        { nameof(Path), p => p.Path, null, DatasetKind.ImageFolder },
        { nameof(Size), p => p.Size, ConfigCheck.ImageSize, DatasetKind.ImageFolder },
        { nameof(Channels), p => p.Channels, ConfigCheck.Channels, DatasetKind.ImageFolder },
        { nameof(TestFraction), p => p.TestFraction, ConfigCheck.Shrinking, DatasetKind.ImageFolder },
        { nameof(BadImages), p => p.BadImages, null, DatasetKind.ImageFolder },
    };

    /// <summary>The dataset as messages name it: <c>[Data(Cifar10)]</c>, <c>[Data(typeof(MyImages))]</c>.</summary>
    public string? Written => Dataset is { } dataset ? "[Data(" + dataset.Value + ")]"
        : Source is { } source ? "[Data(typeof(" + source.Name + "))]"
        : null;
}

/// <summary>What is wrong with a <c>[Data(typeof(T))]</c> type (TD0027).</summary>
internal enum DataSourceTypeProblem { None, NotADataSource, Interface, Abstract, OpenGeneric, NoPublicParameterlessConstructor }

/// <summary>A user's data source type.</summary>
/// <param name="FullyQualifiedName">As generated code spells it: <c>global::Ns.MyImages</c>.</param>
/// <param name="DisplayName">As messages show it: <c>Ns.MyImages</c>.</param>
/// <param name="Name">As summaries show it: <c>MyImages</c>.</param>
internal sealed record DataSourceTypeInfo(string FullyQualifiedName, string DisplayName, string Name, DataSourceTypeProblem Problem);
