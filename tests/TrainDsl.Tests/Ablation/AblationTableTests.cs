using System.Globalization;
using TrainDsl.Ablation;

namespace TrainDsl.Tests.Ablation;

/// <summary>The table's numbers against the formulas: mean, sample standard deviation (n − 1), Δ against the first row.</summary>
public class AblationTableTests
{
    // Declared recipe: 0.85, 0.86 → mean 0.855, sd √((0.005² + 0.005²) / 1) = 0.00707106781.
    // No mixing: 0.80, 0.82, 0.87 → mean 0.83; deviations −0.03, −0.01, 0.04; sd √(0.0026 / 2) = √0.0013 = 0.03605551275;
    // Δ = 0.83 − 0.855 = −0.025.
    private static AblationTable Table() => new("Ablation of X", "macro_f1", "3 seeds (Seed 1, 2, 3)",
    [
        new("declared recipe", [], [0.85, 0.86], [10, 14], [1000, 1200]),
        new("no mixing", ["Mixing=false"], [0.80, 0.82, 0.87], [9, 9, 12], [1100, 1100, 1400]),
        new("no flip", ["Flip=false"], [0.9], [8], [1500]),
        new("no crop", ["Crop=false"], [], [], [], "TD0023: a reason"),
    ]);

    [Fact]
    public void MeanSampleStandardDeviationAndDeltaFollowTheFormulas()
    {
        var table = Table();
        var declared = table.Rows[0];
        var noMixing = table.Rows[1];

        Assert.Equal(0.855, declared.Mean, 12);
        Assert.Equal(Math.Sqrt(0.00005), declared.StandardDeviation, 12);
        Assert.Equal(0.83, noMixing.Mean, 12);
        Assert.Equal(0.036055512754639892, noMixing.StandardDeviation, 12);
        Assert.Equal(-0.025, table.Delta(noMixing), 12);
        Assert.Equal(0, table.Delta(declared));
        Assert.Equal(10, noMixing.MeanSeconds, 12);
        Assert.Equal(1200, noMixing.MeanImagesPerSecond, 12);
        Assert.True(double.IsNaN(table.Rows[2].StandardDeviation)); // one run has no sample sd
    }

    [Fact]
    public void SampleStandardDeviationIsNumpysDdofOne()
    {
        // numpy.std([2, 4, 4, 4, 5, 5, 7, 9], ddof=1) = √(32 / 7)
        Assert.Equal(Math.Sqrt(32.0 / 7), AblationTable.SampleStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]), 12);
        Assert.True(double.IsNaN(AblationTable.SampleStandardDeviation([1.0])));
    }

    [Fact]
    public void MarkdownIsThePapersTableForm()
    {
        var lines = Table().ToMarkdown().Split('\n');

        Assert.Equal("# Ablation of X", lines[0]);
        Assert.Contains(lines, l => l == "| variant | macro_f1 (mean ± sd) | Δ | time / run | img/s | runs | settings |");
        Assert.Contains(lines, l => l == "| declared recipe | 0.8550 ± 0.0071 |  | 12s | 1100 | 2 |  |");
        Assert.Contains(lines, l => l == "| no mixing | 0.8300 ± 0.0361 | −0.0250 | 10s | 1200 | 3 | Mixing=false |");
        Assert.Contains(lines, l => l == "| no flip | 0.9000 | +0.0450 | 8s | 1500 | 1 | Flip=false |");
        Assert.Contains(lines, l => l == "| no crop | skipped |  |  |  | 0 | skipped: TD0023: a reason |");
    }

    [Fact]
    public void CsvHoldsTheNumbersAndEverySeedsValue()
    {
        var rows = Table().ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("variant,settings,runs,mean,sd,delta,seconds,images_per_second,finals,skipped", rows[0]);
        var noMixing = rows[2].Split(',');
        Assert.Equal("no mixing", noMixing[0]);
        Assert.Equal(0.83, double.Parse(noMixing[3], CultureInfo.InvariantCulture), 12);
        Assert.Equal(0.036055512754639892, double.Parse(noMixing[4], CultureInfo.InvariantCulture), 12);
        Assert.Equal(-0.025, double.Parse(noMixing[5], CultureInfo.InvariantCulture), 12);
        Assert.Equal("0.8;0.82;0.87", noMixing[8]);
        Assert.Equal("TD0023: a reason", rows[4].Split(',')[^1]);
    }

    [Fact]
    public void SweepGridIsTheProductWithTheFirstAxisSlowest()
    {
        var grid = SweepAxis.Grid([new("LearningRate", ["0.05", "0.1"]), new("Momentum", ["0.8", "0.9"])]);

        Assert.Equal(
            ["LearningRate=0.05, Momentum=0.8", "LearningRate=0.05, Momentum=0.9", "LearningRate=0.1, Momentum=0.8", "LearningRate=0.1, Momentum=0.9"],
            grid.Select(v => v.Name));
        Assert.Equal(["LearningRate=0.1", "Momentum=0.8"], grid[2].Settings);
        Assert.Throws<TrainDslException>(() => SweepAxis.Grid([]));
    }

    [Fact]
    public void VariantSettingsWinOverTheBudgetsSetValues()
    {
        var overrides = AblationVariant.Of("no mixing", "Mixing=false").Apply(new TrainDsl.Runs.ConfigOverrides
        {
            Epochs = 2,
            Values = new Dictionary<string, string> { ["Mixing"] = "true", ["Momentum"] = "0.8" },
        });
        Assert.Equal(2, overrides.Epochs);
        Assert.Equal("false", overrides.Values["Mixing"]);
        Assert.Equal("0.8", overrides.Values["Momentum"]);
    }

    [Theory]
    [InlineData("declared recipe", "declared-recipe")]
    [InlineData("no zero-γ", "no-zero-γ")]
    [InlineData("+ label smoothing", "plus-label-smoothing")]
    [InlineData("fp32 (no Amp)", "fp32-no-amp")]
    [InlineData("LearningRate=0.05, Momentum=0.9", "learningrate-0.05-momentum-0.9")]
    public void VariantFoldersAreReadableSlugs(string name, string folder) => Assert.Equal(folder, AblationRunner.Slug(name));
}
