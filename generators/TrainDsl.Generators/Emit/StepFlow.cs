namespace TrainDsl.Generators.Emit;

/// <summary>
/// What flows through the generated training step: the expression holding the images the model sees
/// (the batch's, then each augmentation's and the mixing's output) and the targets the loss takes.
/// Each step part reads the current expressions and, when it transforms them, names its own result.
/// </summary>
internal sealed class StepFlow
{
    /// <summary>The images to forward: <c>batch.Images</c>, <c>cropped</c>, <c>mixed.Images</c>, ...</summary>
    public string Images { get; set; } = "batch.Images";

    /// <summary>The loss's targets: <c>batch.Labels</c> (class indices) or soft target rows.</summary>
    public string Targets { get; set; } = "batch.Labels";

    /// <summary>The teacher's logits for the same images, when the recipe distills.</summary>
    public string? TeacherLogits { get; set; }
}
