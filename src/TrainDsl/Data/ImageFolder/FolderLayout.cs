namespace TrainDsl.Data.ImageFolder;

/// <summary>How an image folder holds its classes.</summary>
internal enum FolderLayout
{
    /// <summary>root/train/&lt;class&gt;/* and root/test/&lt;class&gt;/*.</summary>
    TrainTest,
    /// <summary>root/train/&lt;class&gt;/* and root/val/&lt;class&gt;/* (no test/): val/ is the evaluation set.</summary>
    TrainVal,
    /// <summary>
    /// root/train/, root/val/ and root/test/ class folders: train/ trains, test/ evaluates, and val/ is the validation
    /// set when the recipe declares one (else unused).
    /// </summary>
    TrainValTest,
    /// <summary>root/&lt;class&gt;/*, split per class by <see cref="StratifiedSplit"/>.</summary>
    OneTree,
}
