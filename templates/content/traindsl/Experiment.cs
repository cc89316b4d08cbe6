namespace TrainDslNamespace;

// Train:   dotnet run -- train            (writes runs/Experiment/<time>/)
// Inspect: dotnet run -- plan             (the resolved recipe, every epoch's learning rate)
// The learning rate is omitted: the linear scaling rule supplies 0.1 × 128 / 256 = 0.05.
[Experiment(Epochs = 5, BatchSize = 128, Seed = 1)]
[Data(FashionMnist)]
[Model(SmallCnn)]
[Loss(CrossEntropy)]
[Optimizer(Sgd, Momentum = 0.9, Nesterov = true, WeightDecay = 5e-4)]
[Schedule(Cosine, Interval = PerStep)]
[Metric(Accuracy)]
public partial class Experiment;
