namespace TrainDsl.Data.ImageFolder;

/// <summary>What loading an image folder does with files the decoder cannot read (corrupt, truncated, empty, not an image).</summary>
public enum BadImagePolicy
{
    /// <summary>Train without them, naming each in the log and counting them in the source sentence.</summary>
    Skip,
    /// <summary>Stop with one sentence listing them, so nothing trains on a set that is not what the folder says.</summary>
    Refuse,
}
