namespace ImageFolderExample;

/// <summary>
/// The same recipe on the same images as PNG files in class folders, read with torchvision's ImageFolder rules:
/// fashion-mnist-png/train/&lt;class&gt;/*.png and fashion-mnist-png/test/&lt;class&gt;/*.png under the data root
/// (--data DIR). Decoded once into a cache, memory-mapped afterwards.
/// </summary>
[Experiment(Epochs = 5, BatchSize = 128, Seed = 1)]
[Data(ImageFolder, Path = "fashion-mnist-png", Size = 28, Channels = 1)]
[Model(SmallCnn)]
[Optimizer(Sgd, Momentum = 0.9, Nesterov = true, WeightDecay = 5e-4)]
[Schedule(Cosine, Interval = PerStep)]
[Metric(Accuracy)]
public partial class FashionPngs;
