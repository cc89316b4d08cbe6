namespace ImageFolderExample;

/// <summary>
/// The PNG folder read as 3-channel 32×32 images (the grayscale planes replicated, resized with Pillow's antialiased
/// bilinear), the shape of CIFAR-10 and of most users' RGB photos: the path a folder of colour images takes.
/// </summary>
[Experiment(Epochs = 5, BatchSize = 128, Seed = 1)]
[Data(ImageFolder, Path = "fashion-mnist-png", Size = 32, Channels = 3)]
[Model(SmallCnn)]
[RandomCrop(Padding = 4)]
[HorizontalFlip]
[Optimizer(Sgd, Momentum = 0.9, Nesterov = true, WeightDecay = 5e-4)]
[Schedule(Cosine, Interval = PerStep)]
[Metric(Accuracy)]
public partial class FashionRgb;
