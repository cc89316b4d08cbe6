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
    /// The train and test sets, each holding at most <see cref="DataOptions.TrainLimit"/> /
    /// <see cref="DataOptions.TestLimit"/> images (0 keeps all), stratified by class. The caller owns and disposes them.
    /// </summary>
    DatasetSplits Load(DataOptions options);
}
