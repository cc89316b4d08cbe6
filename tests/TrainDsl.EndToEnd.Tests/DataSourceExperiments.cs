using TrainDsl.Data;
using static TorchSharp.torch;

namespace TrainDsl.EndToEnd.Tests;

// Experiments on data sources other than Fashion-MNIST itself, trained by DataSourceTests.

/// <summary>
/// A data source of the test's own, as a user would write one: T-shirts/tops (class 0) against trousers (class 1),
/// picked from the official Fashion-MNIST files in the data root.
/// </summary>
public sealed class TopsAndTrousers : IDataSource
{
    public const int TrainImages = 12_000; // 6,000 of each class in the official training set

    public string Name => "Fashion-MNIST tops and trousers";

    public IReadOnlyList<string> ClassNames { get; } = ["T-shirt/top", "Trouser"];

    public int TrainSizeFor(DataOptions options) => options.TrainLimit is > 0 and < TrainImages ? options.TrainLimit : TrainImages;

    public DatasetSplits Load(DataOptions options)
    {
        using var fashion = IdxDataset.FashionMnist.Load(options with { TrainLimit = 0, TestLimit = 0 });
        return new DatasetSplits(Pick(fashion.Train), Pick(fashion.Test), "tops and trousers of " + fashion.Source).Limit(options);
    }

    private ImageDataset Pick(ImageDataset set)
    {
        using var scope = NewDisposeScope();
        var keep = set.Labels.le(1).nonzero().flatten();
        return new ImageDataset(set.Images.index_select(0, keep), set.Labels.index_select(0, keep), ClassNames, set.Mean, set.Std);
    }
}

/// <summary>One epoch of 12 steps on 384 training images of <see cref="TopsAndTrousers"/>.</summary>
[Experiment(Epochs = 1, BatchSize = 32, Seed = 6)]
[Data(typeof(TopsAndTrousers), TrainLimit = 384, TestLimit = 400)]
[Model(SmallCnn)]
[Optimizer(Sgd)]
public partial class OwnDataRun;

/// <summary>CIFAR-10 with the usual crop and flip, on CIFAR-format files the test writes.</summary>
[Experiment(Epochs = 1, BatchSize = 16, Seed = 7)]
[Data(Cifar10)]
[Model(SmallCnn)]
[RandomCrop(Padding = 4)]
[HorizontalFlip]
[Optimizer(Sgd)]
public partial class CifarRun;

// Twice the linear scaling rule's rate for batch 64 (TD0001): two epochs on 3,000 images learn enough for the IDX and PNG
// runs to be compared on accuracy.
#pragma warning disable TD0001

/// <summary>SmallCnn on 3,000 official Fashion-MNIST training images, loaded from the IDX files.</summary>
[Experiment(Epochs = 2, BatchSize = 64, Seed = 5)]
[Data(FashionMnist, TrainLimit = 3_000, TestLimit = 1_000)]
[Model(SmallCnn)]
[Optimizer(Sgd, LearningRate = 0.05)]
[Schedule(Cosine)]
public partial class FashionFromIdx;

/// <summary>The same recipe on the same images exported as PNG files (ImageFolderExport), read back as an image folder.</summary>
[Experiment(Epochs = 2, BatchSize = 64, Seed = 5)]
[Data(ImageFolder, Size = 28, Channels = 1)]
[Model(SmallCnn)]
[Optimizer(Sgd, LearningRate = 0.05)]
[Schedule(Cosine)]
public partial class FashionFromPngs;

/// <summary>
/// The PNG folder with a val/ beside train/ and test/ and a declared validation set: val/ is the validation set, so the
/// 0.1 is unused (a carve would hold out 300 of the 3,000 training images).
/// </summary>
[Experiment(Epochs = 1, BatchSize = 64, Seed = 5)]
[Data(ImageFolder, Size = 28, Channels = 1, Validation = 0.1)]
[Model(SmallCnn)]
[Optimizer(Sgd, LearningRate = 0.05)]
public partial class FashionPngsWithVal;
#pragma warning restore TD0001
