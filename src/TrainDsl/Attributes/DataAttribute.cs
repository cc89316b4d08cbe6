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
}
