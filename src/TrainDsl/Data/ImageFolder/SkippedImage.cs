namespace TrainDsl.Data.ImageFolder;

/// <summary>A file the decoder could not read: its path relative to the image folder and the decoder's sentence.</summary>
internal sealed record SkippedImage(string RelativePath, string Reason);
