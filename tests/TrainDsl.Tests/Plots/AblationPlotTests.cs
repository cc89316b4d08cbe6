using TrainDsl.Ablation;
using TrainDsl.Plots;

namespace TrainDsl.Tests.Plots;

public sealed class AblationPlotTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("traindsl-ablation-plot-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void AnAblationWithASkippedAndASingleRunVariantIsDrawn()
    {
        var table = new AblationTable("Ablation of X", "macro_f1", "2 seeds (Seed 1, 2)",
        [
            new("declared recipe", [], [0.85, 0.86], [10, 14], [1000, 1200]),
            new("no mixing", ["Mixing=false"], [0.80, 0.82], [9, 9], [1100, 1100]),
            new("no flip", ["Flip=false"], [0.9], [8], [1500]),
            new("no crop", ["Crop=false"], [], [], [], "TD0023: a reason"),
        ]);
        var path = Path.Combine(root, "ablation.png");

        AblationPlot.Save(path, table);

        Assert.Equal((AblationPlot.Width, AblationPlot.Height), PngFile.Size(path));
    }
}
