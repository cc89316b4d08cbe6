using System.Formats.Tar;
using System.IO.Compression;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Data;

/// <summary>
/// Files in the official CIFAR binary layout, built from real images: no CIFAR data is reachable here, so each
/// record's red, green and blue planes are three consecutive official Fashion-MNIST training images, each padded
/// with 2 black pixels to 32×32. The label is the red image's Fashion-MNIST class (CIFAR-10), or a fine label made
/// from it (CIFAR-100). The expected tensors are computed from the source images, not from the files.
/// </summary>
internal static class CifarFiles
{
    public const string FashionFolder = "/usr/share/datasets/fashion-mnist";

    private static readonly Lazy<(byte[] Pixels, byte[] Labels)> fashion = new(() =>
        (ReadGzip("train-images-idx3-ubyte.gz", 16), ReadGzip("train-labels-idx1-ubyte.gz", 8)));

    /// <summary>The body of an official IDX file after its header (the 60,000 training images or labels).</summary>
    private static byte[] ReadGzip(string name, int header)
    {
        using var file = File.OpenRead(Path.Combine(FashionFolder, name));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var body = new MemoryStream();
        gzip.CopyTo(body);
        return body.ToArray()[header..];
    }

    /// <summary>Fashion-MNIST training image <paramref name="index"/>, 28×28 bytes row by row.</summary>
    public static ReadOnlySpan<byte> FashionImage(int index) => fashion.Value.Pixels.AsSpan(index * 784, 784);

    public static int FashionLabel(int index) => fashion.Value.Labels[index];

    /// <summary>The class of record <paramref name="record"/> in a CIFAR-10 file whose first record is built from image <paramref name="first"/>.</summary>
    public static int Cifar10Label(int first, int record) => FashionLabel(first + 3 * record);

    /// <summary>A fine label in 0..99 that depends on the image's class and on the record.</summary>
    public static int Cifar100FineLabel(int first, int record) => FashionLabel(first + 3 * record) * 10 + record % 10;

    /// <summary>
    /// <paramref name="records"/> records built from images <paramref name="first"/>, <paramref name="first"/> + 1, ...:
    /// label byte(s), then the R, G and B planes of 32×32 (row-major).
    /// </summary>
    public static byte[] Records(int first, int records, bool cifar100)
    {
        int size = (cifar100 ? 2 : 1) + 3072;
        var bytes = new byte[records * size];
        for (int r = 0; r < records; r++)
        {
            var record = bytes.AsSpan(r * size, size);
            if (cifar100)
            {
                int fine = Cifar100FineLabel(first, r);
                record[0] = (byte)(fine / 5); // a coarse label the loader must skip
                record[1] = (byte)fine;
            }
            else
            {
                record[0] = (byte)Cifar10Label(first, r);
            }
            var planes = record[(cifar100 ? 2 : 1)..];
            for (int c = 0; c < 3; c++)
            {
                var image = FashionImage(first + 3 * r + c);
                for (int y = 0; y < 28; y++)
                    image.Slice(y * 28, 28).CopyTo(planes.Slice(c * 1024 + (y + 2) * 32 + 2, 28));
            }
        }
        return bytes;
    }

    /// <summary>uint8 [records, 3, 32, 32]: the source images padded with zeros, computed with torch (not from a file).</summary>
    public static Tensor ExpectedImages(int first, int records)
    {
        var source = fashion.Value.Pixels.AsSpan(first * 784, records * 3 * 784).ToArray();
        using var images = tensor(source, new long[] { records * 3, 28, 28 });
        using var padded = nn.functional.pad(images, [2, 2, 2, 2]);
        return padded.reshape(records, 3, 32, 32).clone();
    }

    /// <summary>The CIFAR-10 files: five training files of <paramref name="perTrainFile"/> records and a test file.</summary>
    public static IReadOnlyDictionary<string, byte[]> Cifar10(int perTrainFile, int test)
    {
        var files = new Dictionary<string, byte[]>();
        for (int f = 0; f < 5; f++) files[$"data_batch_{f + 1}.bin"] = Records(3 * perTrainFile * f, perTrainFile, cifar100: false);
        files["test_batch.bin"] = Records(3 * perTrainFile * 5, test, cifar100: false);
        return files;
    }

    public static IReadOnlyDictionary<string, byte[]> Cifar100(int train, int test) => new Dictionary<string, byte[]>
    {
        ["train.bin"] = Records(0, train, cifar100: true),
        ["test.bin"] = Records(3 * train, test, cifar100: true),
    };

    public static void Write(string folder, IReadOnlyDictionary<string, byte[]> files)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in files) File.WriteAllBytes(Path.Combine(folder, name), bytes);
    }

    /// <summary>A .tar.gz holding the files under <paramref name="folder"/>/, as the official archive does.</summary>
    public static void WriteArchive(string path, string folder, IReadOnlyDictionary<string, byte[]> files)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, folder + "/"));
        foreach (var (name, bytes) in files)
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, folder + "/" + name) { DataStream = new MemoryStream(bytes) });
    }
}
