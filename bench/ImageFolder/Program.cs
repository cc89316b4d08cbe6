using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json;
using SkiaSharp;
using TrainDsl.Data;
using TrainDsl.Data.ImageFolder;
using static TorchSharp.torch;

// Usage (run.sh runs all three in separate processes):
//   ImageFolderBench export DIR N                 the first N official Fashion-MNIST training images as 28×28 gray PNG files,
//                                                 DIR/<class>/<index>.png (from /usr/share/datasets/fashion-mnist)
//   ImageFolderBench decode DIR DATA SIZE         ImageFolderDataset(DIR, SIZE, 3 channels) with data root DATA: decodes into
//                                                 the cache; one JSON line (seconds, images/s, cache bytes)
//   ImageFolderBench iterate DIR DATA SIZE BATCH mapped|copy
//                                                 loads from the cache (refuses to decode), then two rounds of a shuffled epoch
//                                                 of the train set and a pass over the test set through BatchLoader, sampling
//                                                 /proc/self/status every 10 batches; "copy" first copies the images into
//                                                 ordinary tensors, for comparison; one JSON line
//   ImageFolderBench wait DIR DATA SIZE BATCH STEPS PREFETCH
//                                                 SmallCnn training steps (SGD, fp32) on the cached set (decoded first if need be),
//                                                 timing each step and, apart, the time the loop spends getting its next batch
//                                                 (MoveNext: waiting for the worker, or making the batch when PREFETCH is 0);
//                                                 the first 10 steps warm up and are not counted; one JSON line
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
switch (args[0])
{
    case "export": Export(args[1], int.Parse(args[2])); break;
    case "decode": Decode(args[1], args[2], int.Parse(args[3])); break;
    case "iterate": Iterate(args[1], args[2], int.Parse(args[3]), int.Parse(args[4]), args[5] == "copy"); break;
    case "wait": Wait(args[1], args[2], int.Parse(args[3]), int.Parse(args[4]), int.Parse(args[5]), int.Parse(args[6])); break;
    default: Console.Error.WriteLine("see the top of bench/ImageFolder/Program.cs"); return 2;
}
return 0;

static void Export(string dir, int n)
{
    const string Idx = "/usr/share/datasets/fashion-mnist";
    byte[] Body(string name, int header)
    {
        using var gz = new GZipStream(File.OpenRead(Path.Combine(Idx, name)), CompressionMode.Decompress);
        using var body = new MemoryStream();
        gz.CopyTo(body);
        return body.ToArray()[header..];
    }
    var pixels = Body("train-images-idx3-ubyte.gz", 16);
    var labels = Body("train-labels-idx1-ubyte.gz", 8);
    string[] names = ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle-boot"];
    foreach (var name in names) Directory.CreateDirectory(Path.Combine(dir, name));
    Parallel.For(0, n, i =>
    {
        var path = Path.Combine(dir, names[labels[i]], $"{i:D5}.png");
        if (File.Exists(path)) return;
        using var bitmap = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque));
        Marshal.Copy(pixels, i * 784, bitmap.GetPixels(), 784);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    });
}

static void Decode(string dir, string dataRoot, int size)
{
    var log = new StringWriter();
    var clock = Stopwatch.StartNew();
    using var data = new ImageFolderDataset(dir, size, 3).Load(new DataOptions { Root = dataRoot, Log = log });
    double seconds = clock.Elapsed.TotalSeconds;
    Console.Error.Write(log);
    Console.Error.WriteLine(data.Source);
    long images = data.Train.Count + data.Test.Count;
    var cache = new ImageFolderDataset(dir, size, 3).CachePathFor(new DataOptions { Root = dataRoot });
    Emit(new
    {
        part = "decode", images, size, channels = 3, seconds, imagesPerSecond = images / seconds,
        cacheBytes = new FileInfo(cache).Length, threads = Environment.ProcessorCount, cpu = Cpu(),
    });
}

static void Iterate(string dir, string dataRoot, int size, int batch, bool copy)
{
    var before = Status();
    var log = new StringWriter();
    var clock = Stopwatch.StartNew();
    var data = new ImageFolderDataset(dir, size, 3).Load(new DataOptions { Root = dataRoot, Log = log });
    double loadSeconds = clock.Elapsed.TotalSeconds;
    if (!log.ToString().Contains("(no decoding)")) throw new InvalidOperationException("Run `decode` first: " + log);
    if (copy) data = Copied(data);
    var loaded = Status();
    var peak = loaded;
    long images = data.Train.Count + data.Test.Count, batches = 0, cacheBytes = images * 3L * size * size;
    var epochSeconds = new double[2];
    for (int epoch = 0; epoch < epochSeconds.Length; epoch++)
    {
        clock.Restart();
        foreach (var (set, shuffle) in new[] { (data.Train, true), (data.Test, false) })
        {
            foreach (var b in new BatchLoader(set, batch, shuffle, dropLast: false, seed: 1).Epoch(epoch))
            {
                using (b.Images) using (b.Labels) { }
                if (++batches % 10 == 0) peak = Max(peak, Status());
            }
        }
        epochSeconds[epoch] = clock.Elapsed.TotalSeconds;
    }
    peak = Max(peak, Status());
    data.Dispose();
    var after = Status();
    Emit(new
    {
        part = copy ? "iterate-copy" : "iterate-mapped", cacheMB = cacheBytes / 1e6, batch, batches, loadSeconds, epochSeconds,
        imagesPerSecond = epochSeconds.Select(t => images / t).ToArray(),
        rssMB = new { before = before.Rss, loaded = loaded.Rss, peak = peak.Rss, afterDispose = after.Rss },
        anonMB = new { before = before.Anon, loaded = loaded.Anon, peak = peak.Anon, afterDispose = after.Anon },
        fileMB = new { before = before.File, loaded = loaded.File, peak = peak.File, afterDispose = after.File },
        peakAnonGrowthMB = peak.Anon - before.Anon, cpu = Cpu(),
    });
}

static void Wait(string dir, string dataRoot, int size, int batch, int steps, int prefetch)
{
    const int Warmup = 10;
    using var data = new ImageFolderDataset(dir, size, 3).Load(new DataOptions { Root = dataRoot });
    TorchSharp.torch.manual_seed(1);
    using var model = new TrainDsl.Models.SmallCnn(3, data.Train.Classes);
    using var optimizer = TorchSharp.torch.optim.SGD(model.parameters(), 0.05, momentum: 0.9);
    var loader = new BatchLoader(data.Train, batch, shuffle: true, dropLast: true, seed: 1, prefetch: prefetch);
    double waiting = 0, stepping = 0;
    int done = 0;
    model.train();
    for (int epoch = 0; done < steps + Warmup; epoch++)
    {
        using var batches = loader.Epoch(epoch).GetEnumerator();
        while (done < steps + Warmup)
        {
            long start = Stopwatch.GetTimestamp();
            if (!batches.MoveNext()) break;
            long got = Stopwatch.GetTimestamp();
            using (var scope = NewDisposeScope())
            {
                var b = batches.Current.AttachTo(scope);
                optimizer.zero_grad();
                var loss = TorchSharp.torch.nn.functional.cross_entropy(model.forward(b.Images), b.Labels);
                loss.backward();
                optimizer.step();
                _ = loss.item<float>(); // the step is done when its loss is read, as the generated loop reads it
            }
            long end = Stopwatch.GetTimestamp();
            if (done++ < Warmup) continue;
            waiting += Stopwatch.GetElapsedTime(start, got).TotalSeconds;
            stepping += Stopwatch.GetElapsedTime(got, end).TotalSeconds;
        }
    }
    Emit(new
    {
        part = "wait", size, channels = 3, batch, steps, prefetch, waitSeconds = waiting, stepSeconds = stepping,
        waitFractionOfStep = waiting / stepping, msPerStep = 1000 * stepping / steps, msWaitPerStep = 1000 * waiting / steps,
        threads = TorchSharp.torch.get_num_threads(), cpu = Cpu(),
    });
}

// The same images as ordinary (anonymous-memory) tensors, as a loader that reads everything into RAM would hold them.
static DatasetSplits Copied(DatasetSplits mapped)
{
    ImageDataset Copy(ImageDataset d) => new(d.Images.clone(), d.Labels.clone(), d.ClassNames, d.Mean, d.Std);
    var copied = new DatasetSplits(Copy(mapped.Train), Copy(mapped.Test), mapped.Source);
    mapped.Dispose();
    return copied;
}

static Memory Status()
{
    double Field(string name) => File.ReadLines("/proc/self/status").Where(l => l.StartsWith(name + ":"))
        .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0).FirstOrDefault(double.NaN);
    return new Memory(Field("VmRSS"), Field("RssAnon"), Field("RssFile"));
}

static Memory Max(Memory a, Memory b) => new(Math.Max(a.Rss, b.Rss), Math.Max(a.Anon, b.Anon), Math.Max(a.File, b.File));

static string Cpu()
{
    var info = File.Exists("/proc/cpuinfo") ? File.ReadAllLines("/proc/cpuinfo") : [];
    var model = info.FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "unknown";
    var flags = info.FirstOrDefault(l => l.StartsWith("flags"))?.Split(':', 2)[1].Split(' ') ?? [];
    var extra = new[] { "avx512_bf16", "amx_bf16", "amx_tile" }.Where(flags.Contains).ToList();
    return $"{model}, {Environment.ProcessorCount} cores{(extra.Count > 0 ? ", " + string.Join(" ", extra) : ", no avx512_bf16/amx")}";
}

static void Emit(object result) => Console.WriteLine(JsonSerializer.Serialize(result));

/// <summary>MiB from /proc/self/status: all resident pages, anonymous ones, and file-backed ones (the mapping's).</summary>
internal readonly record struct Memory(double Rss, double Anon, double File);
