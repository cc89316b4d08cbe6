namespace TrainDsl.Generators.Parts.Augment;

/// <summary>Per-image augmentations of the training batch; null when not declared.</summary>
internal sealed record ResolvedAugment(int? CropPadding, ResolvedResizedCrop? ResizedCrop, double? FlipProbability)
{
    public static ResolvedAugment Resolve(RandomCropPart? crop, RandomResizedCropPart? resizedCrop, HorizontalFlipPart? flip) => new(
        crop is null ? null : crop.Padding?.Value ?? Defaults.CropPadding,
        resizedCrop is null ? null : new ResolvedResizedCrop(
            resizedCrop.MinScale?.Value ?? Defaults.ResizedCropMinScale,
            resizedCrop.MaxScale?.Value ?? Defaults.ResizedCropMaxScale,
            resizedCrop.MinRatio?.Value ?? Defaults.ResizedCropMinRatio,
            resizedCrop.MaxRatio?.Value ?? Defaults.ResizedCropMaxRatio),
        flip is null ? null : flip.Probability?.Value ?? Defaults.FlipProbability);
}

/// <summary>[RandomResizedCrop]'s ranges: the box's area fraction and its aspect ratio width / height.</summary>
internal sealed record ResolvedResizedCrop(double MinScale, double MaxScale, double MinRatio, double MaxRatio);
