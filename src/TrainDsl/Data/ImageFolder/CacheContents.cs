using System.Text;

namespace TrainDsl.Data.ImageFolder;

/// <summary>
/// The index a decoded cache carries after its pixels: class names, rows per class of each set, the training set's
/// per-channel mean and std, and the files skipped when it was built (so a later load can report them without
/// decoding). Serialised with <see cref="BinaryWriter"/> (little-endian, length-prefixed UTF-8 strings).
/// </summary>
internal sealed record CacheContents(
    IReadOnlyList<string> ClassNames, long[] TrainCounts, long[] TestCounts, double[] Mean, double[] Std,
    IReadOnlyList<SkippedImage> Skipped)
{
    public long TrainRows => TrainCounts.Sum();
    public long TestRows => TestCounts.Sum();

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(ClassNames.Count);
            for (int c = 0; c < ClassNames.Count; c++) { w.Write(ClassNames[c]); w.Write(TrainCounts[c]); w.Write(TestCounts[c]); }
            w.Write(Mean.Length);
            for (int c = 0; c < Mean.Length; c++) { w.Write(Mean[c]); w.Write(Std[c]); }
            w.Write(Skipped.Count);
            foreach (var s in Skipped) { w.Write(s.RelativePath); w.Write(s.Reason); }
        }
        return stream.ToArray();
    }

    /// <summary>Reads an index; throws <see cref="InvalidDataException"/> (or EndOfStreamException) when it is not one.</summary>
    public static CacheContents FromBytes(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        int classes = Count(r.ReadInt32(), bytes.Length);
        var names = new string[classes];
        long[] train = new long[classes], test = new long[classes];
        for (int c = 0; c < classes; c++) { names[c] = r.ReadString(); train[c] = r.ReadInt64(); test[c] = r.ReadInt64(); }
        int channels = Count(r.ReadInt32(), bytes.Length);
        double[] mean = new double[channels], std = new double[channels];
        for (int c = 0; c < channels; c++) { mean[c] = r.ReadDouble(); std[c] = r.ReadDouble(); }
        int skipped = Count(r.ReadInt32(), bytes.Length);
        var files = new SkippedImage[skipped];
        for (int i = 0; i < skipped; i++) files[i] = new SkippedImage(r.ReadString(), r.ReadString());
        if (r.BaseStream.Position != bytes.Length || train.Concat(test).Any(n => n < 0))
            throw new InvalidDataException("The index does not hold what it should.");
        return new CacheContents(names, train, test, mean, std, files);
    }

    static int Count(int n, int limit) => n >= 0 && n <= limit ? n : throw new InvalidDataException($"Impossible count {n}.");
}
