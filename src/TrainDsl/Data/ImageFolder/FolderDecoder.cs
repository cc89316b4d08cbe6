using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Microsoft.Win32.SafeHandles;
using TrainDsl.Data.Images;

namespace TrainDsl.Data.ImageFolder;

/// <summary>
/// Decodes an image folder's files on all cores straight into a file: row i (C×S×S bytes, <see cref="ImageDecoder"/>'s
/// output) is written at offset + i·rowBytes by whichever worker decodes it, so no image set is held in memory and the
/// rows keep the split's order whatever order the workers finish in. A file the decoder refuses (or that cannot be
/// read) is recorded, not thrown; afterwards the rows after it move down over the gaps. Per-channel statistics are
/// summed over the kept training rows.
/// </summary>
internal static class FolderDecoder
{
    /// <summary>Rows kept per class of each set, the files skipped (in row order) and the training statistics.</summary>
    public sealed record Result(long[] TrainCounts, long[] TestCounts, IReadOnlyList<SkippedImage> Skipped, ChannelStatistics TrainStatistics)
    {
        public long Rows => TrainCounts.Sum() + TestCounts.Sum();
    }

    public static Result Decode(string root, FolderSplit split, int channels, int size, SafeFileHandle file, long offset, TextWriter? log)
    {
        var rows = split.Rows().ToArray();
        long rowBytes = (long)channels * size * size;
        var failed = new ConcurrentDictionary<int, SkippedImage>();
        var statistics = new ChannelStatistics(channels);
        var progress = new DecodeProgress(log, rows.Length);
        try
        {
            Parallel.For(0, rows.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                () => new ChannelStatistics(channels),
                (i, _, local) =>
                {
                    var (image, _, isTrain) = rows[i];
                    var pixels = TryDecode(image.FullPath(root), image.RelativePath, channels, size, out var skipped);
                    if (pixels is null) failed[i] = skipped!;
                    else
                    {
                        RandomAccess.Write(file, pixels, offset + i * rowBytes);
                        if (isTrain) local.Add(pixels);
                    }
                    progress.ImageDone();
                    return local;
                },
                local => { lock (statistics) statistics.Add(local); });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Not a bad image (those are recorded above) but a failing disk or a bug: surface the first cause itself.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        var gaps = failed.Keys.Order().ToArray();
        if (gaps.Length > 0) Compact(file, offset, rowBytes, rows.Length, gaps);

        var trainCounts = split.TrainCounts;
        var testCounts = split.TestCounts;
        foreach (int i in gaps)
            (rows[i].IsTrain ? trainCounts : testCounts)[rows[i].Label]--;
        return new Result(trainCounts, testCounts, [.. gaps.Select(i => failed[i])], statistics);
    }

    /// <summary>The file's CHW pixels, or null with the reason when it is no usable image.</summary>
    static byte[]? TryDecode(string path, string relativePath, int channels, int size, out SkippedImage? skipped)
    {
        skipped = null;
        try
        {
            return ImageDecoder.Decode(path, channels, size);
        }
        catch (InvalidDataException e)
        {
            skipped = new SkippedImage(relativePath, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            skipped = new SkippedImage(relativePath, $"Image '{path}' cannot be read ({e.Message}).");
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            // The decoder promises InvalidDataException for bad files; anything else is its bug, but one file's
            // bug must not throw away the rest of a long decode.
            skipped = new SkippedImage(relativePath, $"Image '{path}' made the decoder fail ({e.GetType().Name}: {e.Message}); please report it.");
        }
        return null;
    }

    /// <summary>Moves every row after a gap down over the gaps, in order (the destination is always below the source).</summary>
    static void Compact(SafeFileHandle file, long offset, long rowBytes, int rows, int[] gaps)
    {
        var buffer = new byte[Math.Max(rowBytes, 4 << 20) / rowBytes * rowBytes];
        long to = gaps[0];
        for (int g = 0; g < gaps.Length; g++)
        {
            long from = gaps[g] + 1, end = g + 1 < gaps.Length ? gaps[g + 1] : rows;
            while (from < end)
            {
                int count = (int)Math.Min(end - from, buffer.Length / rowBytes);
                var chunk = buffer.AsSpan(0, (int)(count * rowBytes));
                ReadExactly(file, chunk, offset + from * rowBytes);
                RandomAccess.Write(file, chunk, offset + to * rowBytes);
                from += count; to += count;
            }
        }
    }

    static void ReadExactly(SafeFileHandle file, Span<byte> buffer, long at)
    {
        while (!buffer.IsEmpty)
        {
            int read = RandomAccess.Read(file, buffer, at);
            if (read == 0) throw new IOException("The decoded rows ended early while being compacted.");
            buffer = buffer[read..]; at += read;
        }
    }
}
