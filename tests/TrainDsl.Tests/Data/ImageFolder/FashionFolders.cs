using System.Runtime.InteropServices;
using SkiaSharp;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Data.ImageFolder;

/// <summary>
/// Image folders made of real Fashion-MNIST training images (the official IDX file, via <see cref="CifarFiles"/>),
/// written as 8-bit grayscale PNG files named after their index in the IDX file ("00042.png"), so that a class's
/// files sort in IDX order. The class folders' names mix letter cases so that ordinal order (upper case first) differs
/// from alphabetical order. Expected tensors come from the IDX bytes, never from the loader.
/// </summary>
internal static class FashionFolders
{
    /// <summary>Folder name of each Fashion-MNIST label (0 = T-shirt/top ... 9 = Ankle boot).</summary>
    public static readonly string[] FolderOfLabel =
        ["t-shirt", "Trouser", "pullover", "Dress", "coat", "Sandal", "shirt", "Sneaker", "bag", "Ankle boot"];

    /// <summary>The class names in ordinal order, written out by hand: upper-case initials sort before lower-case ones.</summary>
    public static readonly string[] OrdinalClassNames =
        ["Ankle boot", "Dress", "Sandal", "Sneaker", "Trouser", "bag", "coat", "pullover", "shirt", "t-shirt"];

    /// <summary>The Fashion-MNIST label of the class at each ordinal position.</summary>
    public static int LabelOfClass(int classIndex) => Array.IndexOf(FolderOfLabel, OrdinalClassNames[classIndex]);

    private static readonly Lazy<int[][]> byLabel = new(() =>
    {
        var lists = Enumerable.Range(0, 10).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < 60_000 && lists.Any(l => l.Count < 200); i++) lists[CifarFiles.FashionLabel(i)].Add(i);
        return [.. lists.Select(l => l.ToArray())];
    });

    /// <summary>IDX indices of the first images of class <paramref name="classIndex"/> (ordinal), from position <paramref name="skip"/> on.</summary>
    public static int[] Indices(int classIndex, int skip, int count) => byLabel.Value[LabelOfClass(classIndex)][skip..(skip + count)];

    public static string FileName(int index) => $"{index:D5}.png";

    /// <summary>Writes images [skip, skip + count) of every class as &lt;folder&gt;/&lt;class&gt;/&lt;index&gt;.png.</summary>
    public static void WriteClasses(string folder, int skip, int count)
    {
        for (int c = 0; c < 10; c++)
        {
            var classFolder = Path.Combine(folder, OrdinalClassNames[c]);
            Directory.CreateDirectory(classFolder);
            foreach (int i in Indices(c, skip, count)) File.WriteAllBytes(Path.Combine(classFolder, FileName(i)), Png(i));
        }
    }

    /// <summary>root/train with the first <paramref name="train"/> images of each class, root/&lt;testFolder&gt; with the next <paramref name="test"/>.</summary>
    public static void WriteSplit(string root, int train, int test, string testFolder = "test")
    {
        WriteClasses(Path.Combine(root, "train"), 0, train);
        WriteClasses(Path.Combine(root, testFolder), train, test);
    }

    public static byte[] Png(int index) => Encode(index, SKEncodedImageFormat.Png, 100);

    public static byte[] Jpeg(int index) => Encode(index, SKEncodedImageFormat.Jpeg, 90);

    private static byte[] Encode(int index, SKEncodedImageFormat format, int quality)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque));
        Marshal.Copy(CifarFiles.FashionImage(index).ToArray(), 0, bitmap.GetPixels(), 784);
        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>uint8 [n, channels, 28, 28]: the IDX images, the gray plane repeated for 3 channels.</summary>
    public static Tensor Expected(IEnumerable<int> indices, int channels = 1)
    {
        var list = indices.ToList();
        var bytes = new byte[list.Count * 784 * channels];
        for (int n = 0; n < list.Count; n++)
            for (int c = 0; c < channels; c++)
                CifarFiles.FashionImage(list[n]).CopyTo(bytes.AsSpan((n * channels + c) * 784, 784));
        return tensor(bytes, new long[] { list.Count, channels, 28, 28 });
    }

    /// <summary>Labels [n]: class c repeated counts[c] times (the loader's class-grouped order).</summary>
    public static long[] Labels(IEnumerable<int> counts) => [.. counts.SelectMany((n, c) => Enumerable.Repeat((long)c, n))];
}
