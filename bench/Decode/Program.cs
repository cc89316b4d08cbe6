// Decoding speed of the candidate image decoders on the same files (bench/Decode/run.sh exports them and runs Pillow).
//   dotnet Decode.dll --images DIR --out dotnet-1.json [--repeats 1]     measure
//   dotnet Decode.dll --images DIR --results DIR [--out decode.json]     the best of every dotnet-*.json and pillow-*.json
//                                                                        there, as the README table
// A measurement: one untimed pass over the first 1,000 files (JIT, page cache), then --repeats timed passes over all
// files, the decoders taking turns within each repeat (so a change in the machine's load hits all alike); the best pass
// counts. "1 core" is a plain loop; "all cores" is Parallel.For over Environment.ProcessorCount. Every pass reads each
// encoded file and decodes it to 8-bit pixels (grayscale sets to 1 channel, colour sets to RGB, or RGBA where the
// library gives that); "TrainDsl" is ImageDecoder.Decode, the whole path to CHW bytes.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using SkiaSharp;
using TrainDsl.Data.Images;
using IS = SixLabors.ImageSharp;
using Stb = StbImageSharp;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var opts = Options(args);
string images = opts["--images"];
var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "?";
var json = new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

if (opts.TryGetValue("--results", out var resultsDir))
{
    var best = Best(Directory.GetFiles(resultsDir, "dotnet-*.json"), "decoder");
    var pillow = Best(Directory.GetFiles(resultsDir, "pillow-*.json"), null);
    ImageDecoder.Decode(Directory.GetFiles(Path.Combine(images, "gray28-png"), "*.png")[0], 1, 28);   // loads libSkiaSharp
    Console.WriteLine($"CPU: {cpu}, {Environment.ProcessorCount} cores; SkiaSharp {Version(typeof(SKCodec))}, " +
                      $"ImageSharp {Version(typeof(IS.Image))}, StbImageSharp {Version(typeof(Stb.ImageResult))}, " +
                      $"Pillow {PillowVersion(resultsDir)}");
    Console.WriteLine($"best of {Directory.GetFiles(resultsDir, "dotnet-*.json").Length} runs per side, images/s, 1 core | all cores");
    Console.WriteLine();
    Console.WriteLine(Table(best, pillow));
    Console.WriteLine(Libraries());
    if (opts.TryGetValue("--out", out var summary))
        File.WriteAllText(summary, JsonSerializer.Serialize(new { cpu, cores = Environment.ProcessorCount, dotnet = best, pillow }, json));
    return;
}

int repeats = int.Parse(opts.GetValueOrDefault("--repeats", "1"));
// (folder, channels, output size); the last one also resizes (224 → 64, both sides).
(string Set, int Channels, int Size)[] sets =
[
    ("gray28-png", 1, 28), ("rgb64-png", 3, 64), ("rgb64-jpg", 3, 64), ("rgb224-png", 3, 224), ("rgb224-jpg", 3, 224),
    ("rgb224-jpg", 3, 64),
];
var candidates = new (string Name, Func<string, int, int, int> Decode)[]
{
    ("SkiaSharp", SkiaDecode),
    ("ImageSharp", ImageSharpDecode),
    ("StbImageSharp", StbDecode),
    ("TrainDsl", (path, channels, size) => ImageDecoder.Decode(path, channels, size).Length),
};
var rows = new List<Row>();
foreach (var (set, channels, size) in sets)
{
    var files = Directory.GetFiles(Path.Combine(images, set)).Where(ImageDecoder.IsImageFile).Order().ToArray();
    string label = size == SideOf(set) ? set : $"{set} → {size}";
    // Resizing: only TrainDsl does the whole pipeline.
    var taking = candidates.Where(c => c.Name == "TrainDsl" || size == SideOf(set)).ToArray();
    foreach (var parallel in new[] { false, true })
    {
        var rates = Measure(files, taking.Select(c => (Func<string, int>)(f => c.Decode(f, channels, size))).ToArray(), parallel, repeats);
        for (int i = 0; i < taking.Length; i++)
        {
            rows.Add(new Row(label, files.Length, taking[i].Name, parallel ? "all" : "single", Math.Round(rates[i])));
            Console.WriteLine($"{label,-22} {taking[i].Name,-14} {(parallel ? "all cores" : "1 core"),-9} {rates[i],10:F0} images/s");
        }
    }
}
File.WriteAllText(opts["--out"], JsonSerializer.Serialize(new { cpu, cores = Environment.ProcessorCount, rows }, json));

static double[] Measure(string[] files, Func<string, int>[] decoders, bool parallel, int repeats)
{
    void Pass(Func<string, int> decode, int count)
    {
        if (parallel)
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => decode(files[i]));
        else
            for (int i = 0; i < count; i++)
                decode(files[i]);
    }
    foreach (var d in decoders)
        Pass(d, Math.Min(1000, files.Length));
    var best = decoders.Select(_ => double.MaxValue).ToArray();
    for (int r = 0; r < repeats; r++)
        for (int k = 0; k < decoders.Length; k++)
        {
            int i = (k + r) % decoders.Length;     // a different decoder goes first each repeat
            var watch = Stopwatch.StartNew();
            Pass(decoders[i], files.Length);
            best[i] = Math.Min(best[i], watch.Elapsed.TotalSeconds);
        }
    return best.Select(t => files.Length / t).ToArray();
}

// Skia's codec to 8-bit pixels: Gray8 when the file is grayscale, else RGBA (Skia has no packed 3-byte RGB).
static unsafe int SkiaDecode(string path, int channels, int size)
{
    var bytes = File.ReadAllBytes(path);
    fixed (byte* p = bytes)
    {
        using var data = SKData.Create((IntPtr)p, bytes.Length);
        using var codec = SKCodec.Create(data) ?? throw new InvalidDataException(path);
        var info = codec.Info;
        bool gray = info.ColorType == SKColorType.Gray8;
        var target = new SKImageInfo(info.Width, info.Height, gray ? SKColorType.Gray8 : SKColorType.Rgba8888,
            gray ? SKAlphaType.Opaque : SKAlphaType.Unpremul);
        var pixels = new byte[target.BytesSize];
        fixed (byte* d = pixels)
            if (codec.GetPixels(target, (IntPtr)d) != SKCodecResult.Success)
                throw new InvalidDataException(path);
        return pixels.Length;
    }
}

static int ImageSharpDecode(string path, int channels, int size)
{
    var bytes = File.ReadAllBytes(path);
    if (channels == 1)
    {
        using var gray = IS.Image.Load<IS.PixelFormats.L8>(bytes);
        var pixels = new byte[gray.Width * gray.Height];
        gray.CopyPixelDataTo(pixels);
        return pixels.Length;
    }
    using var rgb = IS.Image.Load<IS.PixelFormats.Rgb24>(bytes);
    var rgbPixels = new byte[rgb.Width * rgb.Height * 3];
    rgb.CopyPixelDataTo(rgbPixels);
    return rgbPixels.Length;
}

static int StbDecode(string path, int channels, int size)
{
    var image = Stb.ImageResult.FromMemory(File.ReadAllBytes(path),
        channels == 1 ? Stb.ColorComponents.Grey : Stb.ColorComponents.RedGreenBlue);
    return image.Data.Length;
}

static int SideOf(string set) => int.Parse(set[(set.StartsWith("gray") ? 4 : 3)..set.IndexOf('-')]);

static string Version(Type t) =>
    t.Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0]
    ?? t.Assembly.GetName().Version!.ToString();

static Dictionary<string, string> Options(string[] args)
{
    var o = new Dictionary<string, string>();
    for (int i = 0; i + 1 < args.Length; i += 2)
        o[args[i]] = args[i + 1];
    if (!o.ContainsKey("--images") || !o.ContainsKey("--out") && !o.ContainsKey("--results"))
        throw new ArgumentException("usage: Decode --images DIR (--out dotnet-N.json [--repeats 1] | --results DIR [--out decode.json])");
    return o;
}

// The best rate of each (set, decoder, mode) over the given result files; Pillow's files name no decoder.
static List<Row> Best(string[] paths, string? decoderProperty)
{
    var rows = new List<Row>();
    foreach (var path in paths)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var r in doc.RootElement.GetProperty("rows").EnumerateArray())
            rows.Add(new Row(r.GetProperty("set").GetString()!, r.GetProperty("files").GetInt32(),
                decoderProperty is null ? "Pillow" : r.GetProperty(decoderProperty).GetString()!,
                r.GetProperty("mode").GetString()!, r.GetProperty("imagesPerSecond").GetDouble()));
    }
    return rows.GroupBy(r => (r.Set, r.Decoder, r.Mode)).Select(g => g.MaxBy(r => r.ImagesPerSecond)!).ToList();
}

static string PillowVersion(string dir) => Directory.GetFiles(dir, "pillow-*.json").Select(p =>
    JsonDocument.Parse(File.ReadAllText(p)).RootElement.GetProperty("pillow").GetString()).FirstOrDefault() ?? "?";

// One row per file set: images/s per decoder, 1 core | all cores, and TrainDsl / Pillow on all cores.
static string Table(List<Row> rows, List<Row> pillow)
{
    string[] decoders = ["SkiaSharp", "ImageSharp", "StbImageSharp", "TrainDsl"];
    var all = rows.Concat(pillow).ToList();
    double? Rate(string set, string decoder, string mode) =>
        all.FirstOrDefault(r => r.Set == set && r.Decoder == decoder && r.Mode == mode)?.ImagesPerSecond;
    string Cell(string set, string decoder) =>
        Rate(set, decoder, "single") is { } s ? $"{s:N0} \\| {Rate(set, decoder, "all"):N0}" : "–";
    var w = new StringWriter();
    w.WriteLine("| files | " + string.Join(" | ", decoders.Append("Pillow")) + " | TrainDsl / Pillow, all cores |");
    w.WriteLine("|---|" + string.Concat(Enumerable.Repeat("--:|", decoders.Length + 2)));
    foreach (var set in rows.Select(r => r.Set).Distinct())
    {
        var ratio = Rate(set, "TrainDsl", "all") / Rate(set, "Pillow", "all");
        int n = rows.First(r => r.Set == set).Files;
        w.WriteLine($"| {set} ({n:N0}) | " + string.Join(" | ", decoders.Append("Pillow").Select(d => Cell(set, d))) +
                    $" | {(ratio is { } x ? $"{x:F2}×" : "–")} |");
    }
    return w.ToString();
}

// License, what a linux-x64 bin folder holds for each library (its managed assembly plus the native library this
// process loaded), and the platforms it runs on.
static string Libraries()
{
    double Mb(params string?[] paths) => paths.Where(File.Exists).Sum(p => new FileInfo(p!).Length) / 1e6;
    var skiaNative = File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault())
        .FirstOrDefault(p => p != null && p.EndsWith("libSkiaSharp.so"));
    var w = new StringWriter();
    w.WriteLine("| library | licence | MB in bin (linux-x64) | platforms |");
    w.WriteLine("|---|---|--:|---|");
    w.WriteLine($"| SkiaSharp {Version(typeof(SKCodec))} (+ NativeAssets.Linux.NoDependencies) | MIT | " +
                $"{Mb(typeof(SKCodec).Assembly.Location, skiaNative):F1} | " +
                "native: Linux x64/arm64/arm/musl, macOS x64/arm64, Windows x64/x86/arm64 |");
    w.WriteLine($"| SixLabors.ImageSharp {Version(typeof(IS.Image))} | Apache-2.0 (3.x: Six Labors Split Licence) | " +
                $"{Mb(typeof(IS.Image).Assembly.Location):F1} | managed: any |");
    w.WriteLine($"| StbImageSharp {Version(typeof(Stb.ImageResult))} | Unlicense or MIT | " +
                $"{Mb(typeof(Stb.ImageResult).Assembly.Location):F1} | managed: any |");
    return w.ToString();
}

record Row(string Set, int Files, string Decoder, string Mode, double ImagesPerSecond);
