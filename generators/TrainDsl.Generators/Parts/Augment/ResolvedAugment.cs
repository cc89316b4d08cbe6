namespace TrainDsl.Generators.Parts.Augment;

/// <summary>Per-image augmentations of the training batch; null when not declared.</summary>
internal sealed record ResolvedAugment(int? CropPadding, double? FlipProbability)
{
    public static ResolvedAugment Resolve(RandomCropPart? crop, HorizontalFlipPart? flip) => new(
        crop is null ? null : crop.Padding?.Value ?? Defaults.CropPadding,
        flip is null ? null : flip.Probability?.Value ?? Defaults.FlipProbability);
}
