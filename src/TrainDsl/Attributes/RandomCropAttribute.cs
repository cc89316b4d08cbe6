namespace TrainDsl;

/// <summary>Random crop after zero padding, per image, on the training batch (torchvision RandomCrop(padding)).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RandomCropAttribute : Attribute
{
    /// <summary>Pixels of zero padding on each side. Default 4.</summary>
    public int Padding { get; set; }
}
