using TrainDsl.Data;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Data;

/// <summary>DatasetSplits.Limit, which a user's IDataSource calls to honour the limits as the built-in sets do.</summary>
public class DatasetSplitsTests
{
    /// <summary>Labels 0,1,1,0,1,1,0,1,1 (class 1 twice the size of class 0); image i is filled with the value i.</summary>
    static ImageDataset Set(int count)
    {
        using var scope = NewDisposeScope();
        var labels = tensor(Enumerable.Range(0, count).Select(i => i % 3 == 0 ? 0L : 1L).ToArray());
        var images = arange(count, dtype: ScalarType.Byte).reshape(count, 1, 1, 1).expand(count, 1, 2, 2).contiguous();
        return new ImageDataset(images, labels, ["a", "b"], [0.5f], [0.25f]);
    }

    [Fact]
    public void LimitKeepsEachClassesFirstImagesInProportion()
    {
        var splits = new DatasetSplits(Set(9), Set(6), "test");
        var (train, test) = (splits.Train, splits.Test);

        using var limited = splits.Limit(new DataOptions { TrainLimit = 6, TestLimit = 0 });

        // 6 of 9 images with classes of 3 and 6: class 0 keeps its first 2 (images 0, 3), class 1 its first 4 (1, 2, 4, 5).
        Assert.Equal([0, 1, 2, 3, 4, 5], limited.Train.Images[.., 0, 0, 0].data<byte>().ToArray());
        Assert.Equal([0L, 1, 1, 0, 1, 1], limited.Train.Labels.data<long>().ToArray());
        Assert.Same(test, limited.Test);
        Assert.Equal("test", limited.Source);
        Assert.Equal(["a", "b"], limited.Train.ClassNames);
        Assert.Equal([0.5f], limited.Train.Mean);
        Assert.Equal([0.25f], limited.Train.Std);
        Assert.Throws<InvalidOperationException>(() => train.Images.numel()); // the replaced set is disposed
    }

    [Fact]
    public void NoLimitOrALimitAtLeastTheSizeChangesNothing()
    {
        using var splits = new DatasetSplits(Set(9), Set(6), "test");

        Assert.Same(splits, splits.Limit(new DataOptions()));
        Assert.Same(splits, splits.Limit(new DataOptions { TrainLimit = 9, TestLimit = 100 }));
    }
}
