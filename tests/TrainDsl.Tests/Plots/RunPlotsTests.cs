using TrainDsl.Tests.Runs;

namespace TrainDsl.Tests.Plots;

/// <summary>A run draws curves.png and confusion.png into its folder, as whole PNGs of the documented sizes.</summary>
public sealed class RunPlotsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("traindsl-plots-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void ARunDrawsItsCurvesAndConfusionMatrix()
    {
        var run = SyntheticRun.Write(root, epochs: 3);

        Assert.Equal((900, 540), PngFile.Size(Path.Combine(run.Folder, "curves.png")));
        Assert.Equal((600, 600), PngFile.Size(Path.Combine(run.Folder, "confusion.png"))); // 3 classes: the smallest side
        Assert.DoesNotContain(run.Summary.Notes, n => n.Contains("not drawn", StringComparison.Ordinal));
    }
}
