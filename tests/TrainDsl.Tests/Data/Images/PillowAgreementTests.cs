using System.Text.Json;
using TrainDsl.Data.Images;
using TrainDsl.Tests.Numerics;

namespace TrainDsl.Tests.Data.Images;

/// <summary>
/// ImageDecoder against Pillow (tests/references/decode_images.py): the committed images, made from real Fashion-MNIST
/// images, decoded by both with the same conversion, resize and crop.
/// </summary>
public class PillowAgreementTests
{
    public static TheoryData<string, int, int> Cases()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var c in ReferenceData.Load("decode_images.json").GetProperty("cases").EnumerateArray())
            data.Add(c.GetProperty("file").GetString()!, c.GetProperty("channels").GetInt32(), c.GetProperty("size").GetInt32());
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DecodesAsPillowDoes(string file, int channels, int size)
    {
        var expected = Expected(file, channels, size);
        var actual = ImageDecoder.Decode(ImagePath(file), channels, size);
        Assert.Equal(channels * size * size, actual.Length);
        int max = 0;
        long sum = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            int d = Math.Abs(actual[i] - expected[i]);
            max = Math.Max(max, d);
            sum += d;
        }
        int tolerance = Tolerance(file);
        Assert.True(max <= tolerance,
            $"{file} ({channels}×{size}×{size}): max |ours − Pillow| = {max}, " +
            $"mean {(double)sum / actual.Length:F3}, allowed {tolerance}");
    }

    /// <summary>
    /// Lossless files (PNG, BMP, GIF, lossless WebP) hold exact pixels, and the conversions and the resize are Pillow's
    /// integer arithmetic done the same way (BilinearResize ports Pillow's resampler, not another bilinear), so they must
    /// match exactly, resized or not. JPEG: both sides run libjpeg-turbo (equal here, including CMYK, EXIF and damaged
    /// scan data), but another libjpeg build or SIMD path may round the IDCT and chroma upsampling differently: ±2.
    /// Resizing does not widen it: the bilinear weights are positive and sum to one, and rounding moves both sides alike.
    /// </summary>
    static int Tolerance(string file) => file.EndsWith(".jpg") ? 2 : 0;

    internal static string ImagePath(string file) => Path.Combine(AppContext.BaseDirectory, "references", "images", file);

    static int[] Expected(string file, int channels, int size)
    {
        foreach (var c in ReferenceData.Load("decode_images.json").GetProperty("cases").EnumerateArray())
            if (c.GetProperty("file").GetString() == file && c.GetProperty("channels").GetInt32() == channels
                && c.GetProperty("size").GetInt32() == size)
                return c.GetProperty("pixels").EnumerateArray().Select(p => p.GetInt32()).ToArray();
        throw new InvalidOperationException($"no reference for {file}");
    }
}
