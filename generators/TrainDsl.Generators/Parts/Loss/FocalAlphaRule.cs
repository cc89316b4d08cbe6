using System.Collections.Generic;
using System.Globalization;

namespace TrainDsl.Generators.Parts.Loss;

/// <summary>
/// TD0028: focal loss's Alpha gives one weight per class, so with a built-in dataset its length is known at compile
/// time. A source of the user's reports its classes only at run time, where FocalLoss checks the length.
/// </summary>
internal static class FocalAlphaRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.Loss is not { Loss.Value: LossKind.Focal, Alpha: { } alpha }
            || declaration.Data?.Dataset?.Value is not { } dataset
            || BuiltInDatasets.ClassCount(dataset) is not { } classes
            || alpha.Value.Count == classes)
        {
            return;
        }
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FocalAlphaClassCount, alpha.Location,
            alpha.Value.Count.ToString(CultureInfo.InvariantCulture), BuiltInDatasets.Name(dataset), classes.ToString(CultureInfo.InvariantCulture)));
    }
}
