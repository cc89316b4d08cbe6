// Shared source: compiled into the runtime and linked into the generator (see RecipeKinds.cs).
#if TRAINDSL_GENERATOR
namespace TrainDsl.Generators;
#else
namespace TrainDsl;
#endif

/// <summary>
/// What the recipe knows of a built-in dataset before loading it: its name (the plan's words) and its class count
/// (focal loss's Alpha needs one weight per class). The runtime's sources give the same (a test checks them).
/// </summary>
internal static class BuiltInDatasets
{
    /// <summary>"Fashion-MNIST", "CIFAR-10", ...; the kind's own name for a value outside the enum.</summary>
    public static string Name(DatasetKind dataset) => dataset switch
    {
        DatasetKind.FashionMnist => "Fashion-MNIST",
        DatasetKind.Mnist => "MNIST",
        DatasetKind.Cifar10 => "CIFAR-10",
        DatasetKind.Cifar100 => "CIFAR-100",
        _ => dataset.ToString(),
    };

    /// <summary>The number of classes; null for a value outside the enum.</summary>
    public static int? ClassCount(DatasetKind dataset) => dataset switch
    {
        DatasetKind.FashionMnist or DatasetKind.Mnist or DatasetKind.Cifar10 => 10,
        DatasetKind.Cifar100 => 100,
        _ => null,
    };
}
