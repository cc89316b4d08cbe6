namespace ImageFolderExample;

/// <summary>
/// The FashionMnist example's baseline on the built-in IDX files: the reference the image-folder run is compared with,
/// and the source `export-images` writes the PNG folder from.
/// </summary>
[Experiment(Epochs = 5, BatchSize = 128, Seed = 1)]
[Data(FashionMnist)]
[Model(SmallCnn)]
[Optimizer(Sgd, Momentum = 0.9, Nesterov = true, WeightDecay = 5e-4)]
[Schedule(Cosine, Interval = PerStep)]
[Metric(Accuracy)]
public partial class FashionIdx;
