namespace TrainDsl;

/// <summary>
/// The dataset the experiment trains and evaluates on: a built-in one (<c>FashionMnist</c>, <c>Mnist</c>,
/// <c>Cifar10</c>, <c>Cifar100</c>) or a class of yours, <c>typeof(T)</c>, that implements
/// <see cref="Data.IDataSource"/> and has a public parameterless constructor.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DataAttribute : Attribute
{
    public DataAttribute(DatasetKind dataset) => Dataset = dataset;
    public DataAttribute(Type source) => Source = source;

    /// <summary>The built-in dataset; null when <see cref="Source"/> names one of yours.</summary>
    public DatasetKind? Dataset { get; }

    /// <summary>Your <see cref="Data.IDataSource"/> type; null for a built-in dataset.</summary>
    public Type? Source { get; }

    /// <summary>Use only the first N training images (stratified); 0 uses all. For quick runs.</summary>
    public int TrainLimit { get; set; }

    /// <summary>Use only the first N test images (stratified); 0 uses all.</summary>
    public int TestLimit { get; set; }

    /// <summary>
    /// Long-tailed training set: class c keeps n_max · ratio^(−c/(C−1)) images (Cui et al. 2019);
    /// the test set stays balanced. 1 (the default) keeps the data balanced.
    /// </summary>
    public double Imbalance { get; set; }
}
