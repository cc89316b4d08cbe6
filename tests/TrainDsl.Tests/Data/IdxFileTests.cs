using System.Buffers.Binary;
using System.IO.Compression;
using TrainDsl.Data;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Data;

/// <summary>
/// The IDX format as LeCun's MNIST page defines it (big-endian magic 0x00000803 / 0x00000801, then
/// the dimensions, then unsigned bytes), written here byte by byte and read back by the loaders.
/// </summary>
public class IdxFileTests
{
    static byte Pixel(int image, int index) => (byte)((image * 7 + index * 3) % 256);
    static byte Label(int image) => (byte)(image * 3 % 10);

    static byte[] ImageFile(int count, int rows = 28, int cols = 28, int magic = 0x00000803)
    {
        var bytes = new byte[16 + count * rows * cols];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), cols);
        for (int i = 0; i < count; i++)
            for (int p = 0; p < rows * cols; p++)
                bytes[16 + i * rows * cols + p] = Pixel(i, p);
        return bytes;
    }

    static byte[] LabelFile(int count, int magic = 0x00000801)
    {
        var bytes = new byte[8 + count];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        for (int i = 0; i < count; i++) bytes[8 + i] = Label(i);
        return bytes;
    }

    static void Write(string folder, string name, byte[] bytes, bool gzip)
    {
        Directory.CreateDirectory(folder);
        if (!gzip) { File.WriteAllBytes(Path.Combine(folder, name), bytes); return; }
        using var file = File.Create(Path.Combine(folder, name + ".gz"));
        using var zip = new GZipStream(file, CompressionLevel.Fastest);
        zip.Write(bytes);
    }

    static void WriteSet(string folder, int train, int test, bool gzip)
    {
        Write(folder, "train-images-idx3-ubyte", ImageFile(train), gzip);
        Write(folder, "train-labels-idx1-ubyte", LabelFile(train), gzip);
        Write(folder, "t10k-images-idx3-ubyte", ImageFile(test), gzip);
        Write(folder, "t10k-labels-idx1-ubyte", LabelFile(test), gzip);
    }

    static void AssertHoldsTheWrittenBytes(ImageDataset set, int count)
    {
        Assert.Equal(new long[] { count, 1, 28, 28 }, set.Images.shape);
        var pixels = set.Images.data<byte>().ToArray();
        for (int i = 0; i < count; i++)
            for (int p = 0; p < 784; p += 97)
                Assert.Equal(Pixel(i, p), pixels[i * 784 + p]);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)Label(i)), set.Labels.data<long>().ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FashionMnistReadsIdxFilesFromItsSubfolder(bool gzip)
    {
        using var root = SharedData.NewFolder();
        WriteSet(Path.Combine(root.Path, "fashion-mnist"), 30, 20, gzip);
        Assert.Equal(30, IdxDataset.FashionMnist.TrainSizeFor(new DataOptions { Root = root.Path }));
        using var data = IdxDataset.FashionMnist.Load(new DataOptions { Root = root.Path });
        AssertHoldsTheWrittenBytes(data.Train, 30);
        AssertHoldsTheWrittenBytes(data.Test, 20);
        Assert.Contains("IDX", data.Source);
        Assert.Equal(IdxDataset.FashionMnist.ClassNames, data.Train.ClassNames);
        Assert.Empty(Directory.GetFiles(root.Path, "*.cache", SearchOption.AllDirectories));
    }

    [Fact]
    public void MnistReadsGzippedIdxFilesDirectlyInAnExplicitRoot()
    {
        using var root = SharedData.NewFolder();
        WriteSet(root.Path, 40, 10, gzip: true);
        var options = new DataOptions { Root = root.Path };
        Assert.Equal(40, IdxDataset.Mnist.TrainSizeFor(options));
        Assert.Equal(25, IdxDataset.Mnist.TrainSizeFor(options with { TrainLimit = 25 }));
        using var data = IdxDataset.Mnist.Load(options);
        AssertHoldsTheWrittenBytes(data.Train, 40);
        AssertHoldsTheWrittenBytes(data.Test, 10);
    }

    [Fact]
    public void LimitsKeepTheFirstImagesOfEachClassInFileOrder()
    {
        using var root = SharedData.NewFolder();
        WriteSet(root.Path, 40, 10, gzip: false);
        using var data = IdxDataset.Mnist.Load(new DataOptions { Root = root.Path, TrainLimit = 10 });
        // Labels i*3 % 10 cycle through all classes every 10 images, so the first 10 images are kept.
        Assert.All(data.Train.ClassCounts(), n => Assert.Equal(1, n));
        AssertHoldsTheWrittenBytes(data.Train, 10);
    }

    [Fact]
    public void WrongMagicNumberNamesTheFile()
    {
        using var root = SharedData.NewFolder();
        WriteSet(root.Path, 5, 5, gzip: false);
        File.WriteAllBytes(Path.Combine(root.Path, "t10k-images-idx3-ubyte"), ImageFile(5, magic: 0x00000801));
        var error = Assert.Throws<InvalidDataException>(() => IdxDataset.FashionMnist.Load(new DataOptions { Root = root.Path }));
        Assert.Contains("t10k-images-idx3-ubyte", error.Message);
        Assert.Contains("magic", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedFileIsReported(bool gzip)
    {
        using var root = SharedData.NewFolder();
        WriteSet(root.Path, 5, 5, gzip);
        Write(root.Path, "train-images-idx3-ubyte", ImageFile(5)[..^100], gzip);
        var error = Assert.Throws<InvalidDataException>(() => IdxDataset.Mnist.Load(new DataOptions { Root = root.Path }));
        Assert.Contains("train-images-idx3-ubyte", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void ImageAndLabelCountsMustAgree()
    {
        using var root = SharedData.NewFolder();
        WriteSet(root.Path, 5, 5, gzip: false);
        File.WriteAllBytes(Path.Combine(root.Path, "train-labels-idx1-ubyte"), LabelFile(4));
        var error = Assert.Throws<InvalidDataException>(() => IdxDataset.Mnist.Load(new DataOptions { Root = root.Path }));
        Assert.Contains("4 labels", error.Message);
    }

    [Fact]
    public void WrongImageSizeIsReported()
    {
        using var root = SharedData.NewFolder();
        WriteSet(root.Path, 5, 5, gzip: false);
        File.WriteAllBytes(Path.Combine(root.Path, "train-images-idx3-ubyte"), ImageFile(5, rows: 32, cols: 32));
        var error = Assert.Throws<InvalidDataException>(() => IdxDataset.Mnist.Load(new DataOptions { Root = root.Path }));
        Assert.Contains("32×32", error.Message);
    }

    [Fact]
    public void IncompleteSetNamesTheMissingFiles()
    {
        using var root = SharedData.NewFolder();
        WriteSet(root.Path, 5, 5, gzip: false);
        File.Delete(Path.Combine(root.Path, "t10k-labels-idx1-ubyte"));
        var error = Assert.Throws<FileNotFoundException>(() => IdxDataset.FashionMnist.Load(new DataOptions { Root = root.Path }));
        Assert.Contains("t10k-labels-idx1-ubyte", error.Message);
    }
}
