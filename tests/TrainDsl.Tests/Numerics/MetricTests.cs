using System.Text.Json;
using TrainDsl.Metrics;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Numerics;

/// <summary>
/// The metrics against scikit-learn on fixed inputs (metrics.json) with 7 classes: class 4 occurs in
/// the labels but is never predicted, class 5 is predicted but never a label, class 6 is neither.
/// </summary>
public class MetricTests
{
    private const int Precision = 12; // decimal places: these are ratios of counts

    private static JsonElement Ref => ReferenceData.Load("metrics.json");
    private static JsonElement Expected => Ref.GetProperty("expected");

    private static (Tensor Logits, Tensor Labels, Tensor Predictions) Inputs()
    {
        var shape = Ref.GetProperty("shape").Longs();
        return (tensor(Ref.GetProperty("logits").Floats()).reshape(shape),
                tensor(Ref.GetProperty("labels").Longs()),
                tensor(Ref.GetProperty("predictions").Longs()));
    }

    /// <summary>Uneven batches, so accumulation across updates is exercised.</summary>
    private static IEnumerable<(long Start, long Length)> Batches(long n, long size = 64)
    {
        for (long s = 0; s < n; s += size) yield return (s, Math.Min(size, n - s));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void TopKMatchesScikitLearn(int k)
    {
        using var scope = NewDisposeScope();
        var (logits, labels, _) = Inputs();
        using var metric = new TopKAccuracy(k);
        foreach (var (s, len) in Batches(labels.shape[0]))
            metric.Update(logits.narrow(0, s, len), labels.narrow(0, s, len));
        Assert.Equal(labels.shape[0], metric.Count);
        Assert.Equal(Expected.GetProperty("topK").GetProperty(k.ToString()).GetDouble(), metric.Compute(), Precision);
    }

    [Fact]
    public void TopKWithKAtLeastTheClassCountCountsEverySample()
    {
        // scikit-learn's top_k_accuracy_score: k ≥ n_classes gives a perfect score.
        using var scope = NewDisposeScope();
        var (logits, labels, _) = Inputs();
        using var metric = new TopKAccuracy(10);
        metric.Update(logits, labels);
        Assert.Equal(1.0, metric.Compute());
    }

    [Fact]
    public void TopKResetStartsOver()
    {
        using var scope = NewDisposeScope();
        var (logits, labels, _) = Inputs();
        using var metric = new TopKAccuracy(1);
        metric.Update(logits.narrow(0, 0, 10), labels.narrow(0, 10, 10)); // mismatched on purpose
        metric.Reset();
        Assert.Throws<InvalidOperationException>(() => metric.Compute());
        metric.Update(logits, labels);
        Assert.Equal(Expected.GetProperty("topK").GetProperty("1").GetDouble(), metric.Compute(), Precision);
    }

    [Fact]
    public void TopKUpdateLeavesNothingInTheCallersScope()
    {
        using var scope = NewDisposeScope();
        var (logits, labels, _) = Inputs();
        using var metric = new TopKAccuracy(3);
        long before = scope.DisposablesCount;
        metric.Update(logits, labels);
        metric.Update(logits, labels);
        Assert.Equal(before, scope.DisposablesCount);
    }

    private static ConfusionMatrix FromLogits()
    {
        using var scope = NewDisposeScope();
        var (logits, labels, _) = Inputs();
        var cm = new ConfusionMatrix(Ref.GetProperty("classes").GetInt32());
        foreach (var (s, len) in Batches(labels.shape[0], 50))
            cm.Update(logits.narrow(0, s, len), labels.narrow(0, s, len));
        return cm;
    }

    private static void AssertMatrix(long[,] actual)
    {
        var expected = Expected.GetProperty("confusionMatrix").EnumerateArray().Select(r => r.Longs()).ToArray();
        Assert.Equal(expected.Length, actual.GetLength(0));
        for (int r = 0; r < expected.Length; r++)
            for (int c = 0; c < expected.Length; c++)
                Assert.True(expected[r][c] == actual[r, c], $"cell [{r},{c}]: expected {expected[r][c]}, got {actual[r, c]}.");
    }

    [Fact]
    public void ConfusionMatrixFromLogitsMatchesScikitLearn()
    {
        using var cm = FromLogits();
        AssertMatrix(cm.Matrix);
        Assert.Equal(Ref.GetProperty("labels").GetArrayLength(), cm.Total);
    }

    [Fact]
    public void ConfusionMatrixFromPredictionsMatchesScikitLearn()
    {
        using var scope = NewDisposeScope();
        var (_, labels, predictions) = Inputs();
        using var cm = new ConfusionMatrix(Ref.GetProperty("classes").GetInt32());
        cm.Update(predictions.to_type(ScalarType.Int32), labels);
        AssertMatrix(cm.Matrix);
    }

    [Fact]
    public void PerClassScoresMatchScikitLearn()
    {
        using var cm = FromLogits();
        AssertClose(Expected.GetProperty("precision").Doubles(), cm.Precision, "precision");
        AssertClose(Expected.GetProperty("recall").Doubles(), cm.Recall, "recall");
        AssertClose(Expected.GetProperty("f1").Doubles(), cm.F1, "f1");
        Assert.Equal(Expected.GetProperty("support").Longs(), cm.Support);
    }

    [Theory]
    [InlineData("macroPrecision")]
    [InlineData("macroRecall")]
    [InlineData("macroF1")]
    [InlineData("weightedPrecision")]
    [InlineData("weightedRecall")]
    [InlineData("weightedF1")]
    [InlineData("balancedAccuracy")]
    [InlineData("accuracy")]
    public void SummaryScoreMatchesScikitLearn(string score)
    {
        using var cm = FromLogits();
        double actual = score switch
        {
            "macroPrecision" => cm.MacroPrecision,
            "macroRecall" => cm.MacroRecall,
            "macroF1" => cm.MacroF1,
            "weightedPrecision" => cm.WeightedPrecision,
            "weightedRecall" => cm.WeightedRecall,
            "weightedF1" => cm.WeightedF1,
            "balancedAccuracy" => cm.BalancedAccuracy,
            "accuracy" => cm.Accuracy,
            _ => throw new ArgumentException(score),
        };
        Assert.Equal(Expected.GetProperty(score).GetDouble(), actual, Precision);
    }

    [Fact]
    public void ToStringShowsTheMatrixAndScores()
    {
        using var cm = new ConfusionMatrix(3, ["cat", "dog", "bird"]);
        using (var scope = NewDisposeScope())
            cm.Update(tensor(new long[] { 0, 1, 1, 2 }), tensor(new long[] { 0, 1, 2, 2 }));
        var text = cm.ToString();
        var lines = text.Split('\n');
        Assert.Equal(5, lines.Length); // header, 3 classes, summary
        Assert.Contains("cat", lines[0]);
        Assert.Contains("precision", lines[0]);
        Assert.StartsWith("bird", lines[3]);
        Assert.Contains("accuracy 0.7500", lines[4]);
    }

    [Fact]
    public void ResetClearsTheCounts()
    {
        using var cm = FromLogits();
        cm.Reset();
        Assert.Equal(0, cm.Total);
        Assert.Equal(0, cm.Accuracy);
        Assert.Equal(0, cm.MacroF1);
    }

    [Fact]
    public void OutOfRangeIndicesAreRejected()
    {
        using var scope = NewDisposeScope();
        using var cm = new ConfusionMatrix(3);
        Assert.Throws<ArgumentOutOfRangeException>(() => cm.Update(tensor(new long[] { 0, 1 }), tensor(new long[] { 0, 3 })));
        Assert.Throws<ArgumentOutOfRangeException>(() => cm.Update(tensor(new long[] { 0, 3 }), tensor(new long[] { 0, 1 })));
        Assert.Throws<ArgumentException>(() => cm.Update(randn(2, 4), tensor(new long[] { 0, 1 })));
        Assert.Equal(0, cm.Total);
    }

    private static void AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12, $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}.");
    }
}
