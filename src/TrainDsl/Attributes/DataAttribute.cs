namespace TrainDsl;

/// <summary>
/// The dataset the experiment trains and evaluates on: a built-in one (<c>FashionMnist</c>, <c>Mnist</c>,
/// <c>Cifar10</c>, <c>Cifar100</c>), a folder of your images (<c>ImageFolder</c> with <see cref="Path"/> and
/// <see cref="Size"/>) or a class of yours, <c>typeof(T)</c>, that implements
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
    /// <see cref="DatasetKind.ImageFolder"/>: the folder of class folders (root/&lt;class&gt;/*, or root/train/ and
    /// root/test/ or root/val/), absolute or relative to the data root (--data, $TRAINDSL_DATA); by default the data root itself.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>
    /// <see cref="DatasetKind.ImageFolder"/> (required): the side of the square images the model reads; each image's
    /// shorter side is resized to it, then the center is cropped.
    /// </summary>
    public int Size { get; set; }

    /// <summary><see cref="DatasetKind.ImageFolder"/>: 1 (grayscale) or 3 (RGB, the default).</summary>
    public int Channels { get; set; }

    /// <summary>
    /// <see cref="DatasetKind.ImageFolder"/> with one tree of class folders: the share of each class held out, stratified
    /// and seeded, as the test set (0.2).
    /// </summary>
    public double TestFraction { get; set; }

    /// <summary><see cref="DatasetKind.ImageFolder"/>: files the decoder cannot read are skipped and reported (Skip, the default) or stop the run (Refuse).</summary>
    public BadImagePolicy BadImages { get; set; }

    /// <summary>
    /// The share of each training class held out as the validation set, in (0, 1): best.bin, a plateau schedule and
    /// early stopping then select on it, and the test set is only reported. Stratified per class and seeded with a fixed
    /// seed (not the experiment's Seed), so every seed and machine holds out the same images; TrainLimit applies to what
    /// is left. An image folder with train/, val/ and test/ uses val/ instead (the share is then unused), and a source of
    /// yours may return its own validation set from Load, which is then used. 0 (the default) holds none.
    /// </summary>
    public double Validation { get; set; }

    /// <summary>
    /// Long-tailed training set: class c keeps n_max · ratio^(−c/(C−1)) images (Cui et al. 2019);
    /// the test set stays balanced. 1 (the default) keeps the data balanced.
    /// </summary>
    public double Imbalance { get; set; }
}
