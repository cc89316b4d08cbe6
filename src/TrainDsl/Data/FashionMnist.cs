namespace TrainDsl.Data;

/// <summary>Fashion-MNIST (Xiao et al. 2017): 60,000 train and 10,000 test 28×28 grey images, 10 classes.</summary>
public static class FashionMnist
{
    public const int TrainSize = 60_000;
    public const int TestSize = 10_000;

    public static DatasetSplits Load(DataOptions? options = null) => throw new NotImplementedException();
}
