using System.Text.Json;

namespace TrainDsl.Tests.Numerics;

/// <summary>Reads the PyTorch / scikit-learn reference files written by tests/references/make_references.py.</summary>
internal static class ReferenceData
{
    private static readonly Dictionary<string, JsonElement> Cache = new();

    public static JsonElement Load(string file)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var root))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "references", file);
                using var doc = JsonDocument.Parse(File.ReadAllText(path));
                root = doc.RootElement.Clone();
                Cache[file] = root;
            }
            return root;
        }
    }

    public static JsonElement Case(string file, int index) => Load(file).GetProperty("cases")[index];

    /// <summary>Theory data: one row per case, labelled so a failure names the case.</summary>
    public static IEnumerable<object[]> Cases(string file, Func<JsonElement, string> label) =>
        Load(file).GetProperty("cases").EnumerateArray().Select((c, i) => new object[] { label(c), i });

    public static double[] Doubles(this JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
    public static float[] Floats(this JsonElement e) => e.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
    public static long[] Longs(this JsonElement e) => e.EnumerateArray().Select(v => v.GetInt64()).ToArray();
    public static int[] Ints(this JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();
}
