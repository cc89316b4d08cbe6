using System.Collections.Generic;

namespace TrainDsl.Generators.Diagnostics;

/// <summary>TD0003: [Data], [Model] and [Optimizer] have no sensible default, so they must be declared.</summary>
internal static class RequiredPartsRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.Data is null) Report("Data", "Data(FashionMnist)");
        if (declaration.Model is null) Report("Model", "Model(SmallCnn)");
        if (declaration.Optimizer is null) Report("Optimizer", "Optimizer(Sgd)");

        void Report(string attribute, string example)
            => diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.RequiredPartMissing, declaration.Identifier, declaration.Name, attribute, example));
    }
}
