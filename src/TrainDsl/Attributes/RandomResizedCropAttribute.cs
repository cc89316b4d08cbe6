namespace TrainDsl;

/// <summary>
/// Random resized crop, per image, on the training batch (torchvision RandomResizedCrop, the Inception crop): a box
/// of random area and aspect ratio, resized bilinearly back to the image size.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RandomResizedCropAttribute : Attribute
{
    /// <summary>The smallest box area as a fraction of the image's, in (0, 1]. Default 0.08.</summary>
    public double MinScale { get; set; }

    /// <summary>The largest box area as a fraction of the image's, in [MinScale, 1]. Default 1.</summary>
    public double MaxScale { get; set; }

    /// <summary>The smallest aspect ratio width / height of a box, &gt; 0. Default 3/4.</summary>
    public double MinRatio { get; set; }

    /// <summary>The largest aspect ratio width / height of a box, at least MinRatio. Default 4/3.</summary>
    public double MaxRatio { get; set; }
}
