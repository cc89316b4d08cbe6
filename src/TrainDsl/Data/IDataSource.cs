namespace TrainDsl.Data;

/// <summary>
/// Where an experiment's images come from: the built-in sets (<see cref="IdxDataset.FashionMnist"/>,
/// <see cref="CifarDataset.Cifar10"/>, ...) and any class of yours named in <c>[Data(typeof(T))]</c>, which the
/// generated code creates with its public parameterless constructor. Every source is loaded the same way:
/// <c>plan</c> asks <see cref="TrainSizeFor"/>, <c>train</c> and <c>eval</c> call <see cref="Load"/>.
/// </summary>
public interface IDataSource
{
    /// <summary>The dataset's name in the plan and in messages, e.g. "CIFAR-10".</summary>
    string Name { get; }

    /// <summary>
    /// The class names, indexed by label, known without loading images (a source over a folder of class folders
    /// may list them). Loaded sets must carry the same names.
    /// </summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>
    /// The number of training images <see cref="Load"/> would give under <paramref name="options"/>, without
    /// decoding pixels (file headers or sizes at most): <c>plan</c> computes steps per epoch from it.
    /// </summary>
    int TrainSizeFor(DataOptions options);

    /// <summary>
    /// The training images per class (label order) <see cref="Load"/> would give under <paramref name="options"/> with
    /// <see cref="DataOptions.TrainLimit"/> 0, for the plan's sizes after a validation split (<see cref="ValidationSplit"/>).
    /// By default it loads the sets and counts; the built-in sources read file headers or their pinned counts instead.
    /// </summary>
    IReadOnlyList<long> TrainClassCountsFor(DataOptions options)
    {
        using var data = Load(options with { TrainLimit = 0, TestLimit = 0, Validation = 0 });
        return data.Train.ClassCounts();
    }

    /// <summary>
    /// The train and test sets, each holding at most <see cref="DataOptions.TrainLimit"/> /
    /// <see cref="DataOptions.TestLimit"/> images (0 keeps all), stratified by class. The caller owns and disposes them.
    /// <see cref="DataOptions.Validation"/> above 0 declares a validation set: <see cref="ValidationSplit.Load"/> carves it
    /// out of what this returns, unless the source returns its own <see cref="DatasetSplits.Validation"/> (then used
    /// instead, as <see cref="ValidationClassCountsFor"/> announces).
    /// </summary>
    DatasetSplits Load(DataOptions options);

    /// <summary>
    /// The images per class (label order) of the validation set the source itself gives when <paramref name="options"/>
    /// declare one (an image folder's val/ beside train/ and test/), for the plan; null (the default) when a declared
    /// validation set is carved out of the training set.
    /// </summary>
    IReadOnlyList<long>? ValidationClassCountsFor(DataOptions options) => null;

    /// <summary>
    /// Where <see cref="Load"/> would take the images from and how they are split, without loading them, for the plan
    /// and plan.json (e.g. the official IDX files, or the npm package and its split rule). By default, <see cref="Name"/>.
    /// </summary>
    string SourceFor(DataOptions options) => Name;

    /// <summary>
    /// The class names under <paramref name="options"/> (a folder source resolves its path against the data root);
    /// by default <see cref="ClassNames"/>.
    /// </summary>
    IReadOnlyList<string> ClassNamesFor(DataOptions options) => ClassNames;

    /// <summary>
    /// Where the images are on this machine under <paramref name="options"/>, for a trainer outside TrainDsl
    /// (<c>export-torch</c>); null (the default) when the source cannot tell, as a user's source loaded in code.
    /// </summary>
    DataFiles? FilesFor(DataOptions options) => null;
}
