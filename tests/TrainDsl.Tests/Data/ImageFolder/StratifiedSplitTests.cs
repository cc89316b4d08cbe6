using System.Globalization;
using System.Text.Json;
using TrainDsl.Data.ImageFolder;

namespace TrainDsl.Tests.Data.ImageFolder;

/// <summary>
/// The seeded split of one tree of class folders against tests/references/image_folder_split.py, which implements
/// SplitMix64, Lemire's bounded integers, FNV-1a, Fisher–Yates and the count rule on its own.
/// </summary>
public class StratifiedSplitTests
{
    static readonly JsonElement Reference = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "references", "image_folder_split.json"))).RootElement;

    static ulong U64(JsonElement e) => ulong.Parse(e.GetString()!, CultureInfo.InvariantCulture);

    [Fact]
    public void SplitMix64GivesTheReferenceSequenceAndBoundedValues()
    {
        foreach (var g in Reference.GetProperty("generators").EnumerateArray())
        {
            ulong seed = unchecked((ulong)g.GetProperty("seed").GetInt64());
            var random = new SplitMix64(seed);
            Assert.Equal(g.GetProperty("next").EnumerateArray().Select(U64), Enumerable.Range(0, 5).Select(_ => random.Next()));
            random = new SplitMix64(seed);
            var bounds = g.GetProperty("below_bounds").EnumerateArray().Select(U64).ToList();
            Assert.Equal(g.GetProperty("below").EnumerateArray().Select(U64), bounds.Select(b => random.NextBelow(b)).ToList());
        }
        // Vigna's splitmix64.c from state 0: the first output, as published.
        Assert.Equal(0xE220A8397B1DCDAFUL, new SplitMix64(0).Next());
    }

    [Fact]
    public void Fnv1aMatchesTheReference()
    {
        foreach (var h in Reference.GetProperty("hashes").EnumerateArray())
            Assert.Equal(U64(h.GetProperty("fnv1a")), SplitMix64.Fnv1a(h.GetProperty("text").GetString()!));
    }

    [Fact]
    public void TestIndicesMatchTheReference()
    {
        foreach (var s in Reference.GetProperty("splits").EnumerateArray())
        {
            var expected = s.GetProperty("test").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var actual = StratifiedSplit.TestIndices(s.GetProperty("name").GetString()!, s.GetProperty("n").GetInt32(),
                s.GetProperty("fraction").GetDouble(), s.GetProperty("seed").GetInt64());
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [InlineData(0, 0.2, 0)]
    [InlineData(1, 0.9, 0)]   // one image: it trains
    [InlineData(2, 0.01, 1)]  // at least one test image from two
    [InlineData(2, 0.99, 1)]  // and at least one training image
    [InlineData(25, 0.1, 3)]  // 2.5 rounds away from zero
    [InlineData(100, 0.2, 20)]
    [InlineData(7, 0.5, 4)]   // 3.5
    public void TestCountRoundsHalvesAwayFromZeroAndKeepsBothSides(int n, double fraction, int expected)
        => Assert.Equal(expected, StratifiedSplit.TestCount(n, fraction));
}
