using TorchSharp;
using TrainDsl.Models;
using TrainDsl.Precision;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Precision;

/// <summary>A 16-bit model for teachers and evaluation: fp32 in and out, normalisation kept fp32 exactly.</summary>
public class LowPrecisionModelTests
{
    static Tensor Batch(int n, ulong seed)
    {
        using var generator = new Generator(seed);
        return randn(new long[] { n, 1, 28, 28 }, generator: generator);
    }

    [Theory]
    [InlineData(AmpPrecision.BFloat16, 0.05)]
    [InlineData(AmpPrecision.Float16, 0.01)]
    public void TeacherIn16BitsGivesFp32LogitsCloseToFp32(AmpPrecision precision, double tolerance)
    {
        using var fp32 = new SmallCnn(1, 10);
        // Give the running statistics values that 16 bits could not hold exactly.
        fp32.train();
        using (no_grad()) for (ulong s = 0; s < 3; s++) using (var x = Batch(64, s)) fp32.call(x).Dispose();
        fp32.eval();
        using var teacher = new SmallCnn(1, 10);
        teacher.load_state_dict(fp32.state_dict());
        var statistics = teacher.named_buffers().ToDictionary(b => b.name, b => b.buffer.clone());

        using var half = new LowPrecisionModel(teacher, precision);
        half.eval();
        using var noGrad = no_grad();
        using var input = Batch(32, 42);
        using var expected = fp32.call(input);
        using var actual = half.call(input);

        Assert.Equal(ScalarType.Float32, actual.dtype);
        using var error = (actual - expected).norm() / expected.norm();
        Assert.True(error.item<float>() < tolerance, $"relative error {error.item<float>():G3}");
        foreach (var (name, buffer) in teacher.named_buffers())
            Assert.True(MixedPrecisionTests.Same(buffer, statistics[name]), $"{name} did not keep its fp32 value");
        foreach (var t in statistics.Values) t.Dispose();
    }

    [Fact]
    public void ConvolutionWeightsUseChannelsLast()
    {
        using var model = new LowPrecisionModel(new SmallCnn(1, 10));
        var conv = model.named_parameters().First(p => p.name.EndsWith("features.3.weight")).parameter;
        Assert.Equal(new long[] { 32, 32, 3, 3 }, conv.shape);
        Assert.Equal(new long[] { 288, 1, 96, 32 }, conv.stride());
    }
}
