// Decoding speed of the candidate image decoders on the same files (bench/Decode/run.sh exports them and runs Pillow).
//   dotnet Decode.dll --images DIR [--pillow pillow.json] [--repeats 3] [--out decode.json]
// Each measurement: one untimed pass over the first 1,000 files (JIT, page cache), then --repeats timed passes over
// all files; the best pass counts. "1 core" is a plain loop; "all cores" is Parallel.For over Environment.ProcessorCount.
// Every pass reads the encoded file and decodes it to 8-bit pixels (grayscale sets to 1 channel, colour sets to RGB or
// RGBA as the library gives it); "TrainDsl" is ImageDecoder.Decode, the whole path to CHW bytes.
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
int repeats = int.Parse(opts.GetValueOrDefault("--repeats", "3"));
var pillow = opts.TryGetValue("--pillow", out var pj) ? Pillow(pj) : new Dictionary<(string, string), double>();

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

var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "?";
Console.WriteLine($"CPU: {cpu}, {Environment.ProcessorCount} cores; SkiaSharp {Version(typeof(SKCodec))}, " +
                  $"ImageSharp {Version(typeof(IS.Image))}, StbImageSharp {Version(typeof(Stb.ImageResult))}");
var rows = new List<Dictionary<string, object>>();
foreach (var (set, channels, size) in sets)
{
    var files = Directory.GetFiles(Path.Combine(images, set)).Where(ImageDecoder.IsImageFile).Order().ToArray();
    string label = SetLabel(set, size);
    foreach (var (name, decode) in candidates)
    {
        if (name != "TrainDsl" && size != SideOf(set))
            continue;                            // resizing: only TrainDsl does the whole pipeline
        foreach (var parallel in new[] { false, true })
        {
            double rate = Measure(files, f => decode(f, channels, size), parallel, repeats);
            string mode = parallel ? "all" : "single";
            var row = new Dictionary<string, object>
            {
                ["set"] = label, ["files"] = files.Length, ["decoder"] = name, ["mode"] = mode, ["imagesPerSecond"] = Math.Round(rate),
            };
            if (name == "TrainDsl" && pillow.TryGetValue((label, mode), out var p))
                row["vsPillow"] = Math.Round(rate / p, 2);
            rows.Add(row);
            Console.WriteLine($"{label,-22} {name,-14} {(parallel ? "all cores" : "1 core"),-9} {rate,10:F0} images/s" +
                              (row.TryGetValue("vsPillow", out var r) ? $"   ours/Pillow {r:F2}×" : ""));
        }
    }
}

Console.WriteLine();
Console.WriteLine(Table(rows, pillow, cpu));
Console.WriteLine(Libraries());
if (opts.TryGetValue("--out", out var outPath))
    File.WriteAllText(outPath, JsonSerializer.Serialize(new { cpu, cores = Environment.ProcessorCount, rows }, new JsonSerializerOptions { WriteIndented = true }));

static double Measure(string[] files, Func<string, int> decode, bool parallel, int repeats)
{
    void Pass(int count)
    {
        if (parallel)
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => decode(files[i]));
        else
            for (int i = 0; i < count; i++)
                decode(files[i]);
    }
    Pass(Math.Min(1000, files.Length));
    double best = double.MaxValue;
    for (int r = 0; r < repeats; r++)
    {
        var watch = Stopwatch.StartNew();
        Pass(files.Length);
        best = Math.Min(best, watch.Elapsed.TotalSeconds);
    }
    return files.Length / best;
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

static string SetLabel(string set, int size) => size == SideOf(set) ? set : $"{set} → {size}";

static string Version(Type t) =>
    t.Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0]
    ?? t.Assembly.GetName().Version!.ToString();

static Dictionary<string, string> Options(string[] args)
{
    var o = new Dictionary<string, string>();
    for (int i = 0; i + 1 < args.Length; i += 2)
        o[args[i]] = args[i + 1];
    if (!o.ContainsKey("--images"))
        throw new ArgumentException("usage: Decode --images DIR [--pillow pillow.json] [--repeats 3] [--out decode.json]");
    return o;
}

static Dictionary<(string, string), double> Pillow(string path)
{
    using var doc = JsonDocument.Parse(File.ReadAllText(path));
    return doc.RootElement.GetProperty("rows").EnumerateArray().ToDictionary(
        r => (r.GetProperty("set").GetString()!, r.GetProperty("mode").GetString()!),
        r => r.GetProperty("imagesPerSecond").GetDouble());
}

// One row per file set: images/s per decoder, 1 core | all cores.
static string Table(List<Dictionary<string, object>> rows, Dictionary<(string, string), double> pillow, string cpu)
{
    string[] decoders = ["SkiaSharp", "ImageSharp", "StbImageSharp", "TrainDsl"];
    var w = new StringWriter();
    w.WriteLine("| files | " + string.Join(" | ", decoders.Append("Pillow"))+ " | TrainDsl / Pillow |");
    w.WriteLine("|---|" + string.Concat(Enumerable.Repeat("--:|", decoders.Length + 2)));
    foreach (var set in rows.Select(r => (string)r["set"]).Distinct())
    {
        string Cell(string decoder)
        {
            double? Rate(string mode) => rows.FirstOrDefault(r => (string)r["set"] == set && (string)r["decoder"] == decoder
                && (string)r["mode"] == mode) is { } r ? Convert.ToDouble(r["imagesPerSecond"]) : null;
            return Rate("single") is { } s ? $"{s:N0} \\| {Rate("all"):N0}" : "–";
        }
        string PillowCell() => pillow.TryGetValue((set, "single"), out var s) ? $"{s:N0} \\| {pillow[(set, "all")]:N0}" : "–";
        string Ratio() => rows.FirstOrDefault(r => (string)r["set"] == set && (string)r["decoder"] == "TrainDsl"
            && (string)r["mode"] == "all" && r.ContainsKey("vsPillow")) is { } r ? $"{r["vsPillow"]:F2}×" : "–";
        int n = (int)rows.First(r => (string)r["set"] == set)["files"];
        w.WriteLine($"| {set} ({n:N0}) | " + string.Join(" | ", decoders.Select(Cell)) + $" | {PillowCell()} | {Ratio()} |");
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
                $"{Mb(typeof(SKCodec).Assembly.Location, skiaNative):F1} | native: Linux x64/arm64/arm/musl, macOS x64/arm64, Windows x64/x86/arm64 |");
    w.WriteLine($"| SixLabors.ImageSharp {Version(typeof(IS.Image))} | Apache-2.0 (3.x: Six Labors Split Licence) | " +
                $"{Mb(typeof(IS.Image).Assembly.Location):F1} | managed: any |");
    w.WriteLine($"| StbImageSharp {Version(typeof(Stb.ImageResult))} | Unlicense or MIT | " +
                $"{Mb(typeof(Stb.ImageResult).Assembly.Location):F1} | managed: any |");
    return w.ToString();
}
