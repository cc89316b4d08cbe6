using System.Collections.Generic;

namespace TrainDsl.Generators.Emit;

/// <summary>
/// What the parts put into the generated <c>DeclaredParts</c> and <c>ExportRecipe</c> (export-torch's recipe.json);
/// <see cref="ExportEmitter"/> writes it. Names are the recipe's kinds (<c>FashionMnist</c>, <c>ResNet20</c>, <c>Sgd</c>).
/// </summary>
internal sealed class ExportBuilder
{
    /// <summary>The built-in dataset, or <c>Custom</c> for a user's IDataSource.</summary>
    public string Data { get; set; } = "Custom";

    /// <summary>The expression that creates the data source in <c>ExportRecipe</c>.</summary>
    public string DataSource { get; set; } = "CreateDataSource()";

    /// <summary>A built-in model's name, or <c>Custom:&lt;type&gt;</c>.</summary>
    public string Model { get; set; } = "";

    /// <summary>The per-image augmentations in step order.</summary>
    public List<string> Augment { get; } = new();

    /// <summary>The mixed-sample methods in declaration order.</summary>
    public List<string> Mixing { get; } = new();

    public string Loss { get; set; } = "CrossEntropy";

    /// <summary>The expression of the teacher's model kind; null without [Distill].</summary>
    public string? TeacherModel { get; set; }

    /// <summary>The expression of the teacher's checkpoint in <c>ExportRecipe</c> (null when Distill is switched off).</summary>
    public string? TeacherCheckpoint { get; set; }

    public string Optimizer { get; set; } = "";

    public string Schedule { get; set; } = "Constant";

    public string ScheduleInterval { get; set; } = "PerEpoch";

    public List<string> Metrics { get; } = new();

    /// <summary>The declared tricks; <see cref="ExportEmitter"/> lists them in <see cref="TrickOrder"/>.</summary>
    public List<string> Tricks { get; } = new();

    /// <summary>The order recipe.json lists tricks in, whatever part declares them.</summary>
    public static readonly string[] TrickOrder =
        { "NoBiasDecay", "ZeroGamma", "Amp", "Ema", "EarlyStopping", "GradientAccumulation", "ClipGradNorm" };
}
