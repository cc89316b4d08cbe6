using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Data;

/// <summary>TD0029: an image folder's images come in any size, so the declaration says which size the model reads.</summary>
internal static class ImageFolderRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.Data is not { Dataset.Value: DatasetKind.ImageFolder } data || data.Size is not null) return;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ImageSizeMissing, data.Argument ?? data.Attribute));
    }
}
