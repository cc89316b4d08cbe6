using static TorchSharp.torch;

namespace TrainDsl.Data;

/// <summary>
/// The binary record format of Krizhevsky's CIFAR distribution ("Learning Multiple Layers of Features from Tiny
/// Images", 2009): each record is its label byte(s) — CIFAR-10 one, CIFAR-100 the coarse then the fine label —
/// followed by 3,072 pixel bytes: the 1,024 red, then green, then blue values of a 32×32 image, row by row. That
/// is the CHW layout of a [3, 32, 32] tensor, so the pixels are copied as they are.
/// </summary>
internal static class CifarRecords
{
    public const int Side = 32;
    public const int Pixels = 3 * Side * Side;

    /// <summary>
    /// The records in <paramref name="path"/>, checked to be a whole, non-zero number of records; <paramref name="badFile"/>
    /// makes the exception from the path and the problem.
    /// </summary>
    public static long Count(string path, int labelBytes, Func<string, string, Exception> badFile)
    {
        long length = new FileInfo(path).Length, recordSize = labelBytes + Pixels;
        if (length == 0 || length % recordSize != 0)
            throw badFile(path, $"has {length:N0} bytes, which is not a whole number of {recordSize:N0}-byte records");
        return length / recordSize;
    }

    /// <summary>
    /// The images (uint8 [N, 3, 32, 32]) and labels (int64 [N]) of the files in order; the label is the record's
    /// last label byte and must be below <paramref name="classes"/>.
    /// </summary>
    public static (Tensor Images, Tensor Labels) Read(IReadOnlyList<string> paths, int labelBytes, int classes,
        Func<string, string, Exception> badFile)
    {
        var counts = paths.Select(p => Count(p, labelBytes, badFile)).ToArray();
        long total = counts.Sum();
        var labels = new long[total];
        var images = empty(new long[] { total, 3, Side, Side }, ScalarType.Byte);
        try
        {
            var pixels = images.bytes;
            Span<byte> label = stackalloc byte[labelBytes];
            long record = 0;
            for (int f = 0; f < paths.Count; f++)
            {
                using var stream = new FileStream(paths[f], FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
                for (long r = 0; r < counts[f]; r++, record++)
                {
                    stream.ReadExactly(label);
                    stream.ReadExactly(pixels.Slice(checked((int)(record * Pixels)), Pixels));
                    int value = label[labelBytes - 1];
                    if (value >= classes)
                        throw badFile(paths[f], $"has label {value} in record {r:N0}, but the dataset has only {classes} classes");
                    labels[record] = value;
                }
            }
            return (images, tensor(labels));
        }
        catch { images.Dispose(); throw; }
    }
}
