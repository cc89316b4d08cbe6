namespace TrainDsl;

/// <summary>The dataset the experiment trains and evaluates on.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DataAttribute(DatasetKind dataset) : Attribute
{
    public DatasetKind Dataset { get; } = dataset;

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
