using static TorchSharp.torch;

namespace TrainDsl.Tests.Data;

/// <summary>Exact tensor comparison (TorchSharp's Tensor.equal is element-wise).</summary>
internal static class TensorAssert
{
    public static void Identical(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.dtype, actual.dtype);
        Assert.Equal(expected.shape, actual.shape);
        using var same = expected.eq(actual).all();
        Assert.True(same.item<bool>(), "The tensors differ in at least one element.");
    }
}
