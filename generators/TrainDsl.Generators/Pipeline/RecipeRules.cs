using System.Collections.Generic;
using System.Collections.Immutable;

namespace TrainDsl.Generators.Pipeline;

/// <summary>
/// All recipe rules, in ID order. The analyzer reports their findings; the generator emits nothing when one is an error.
/// <paramref name="backend"/> is the build's TorchSharp backend (MSBuild TrainDslBackend); only warnings depend on it.
/// </summary>
internal static class RecipeRules
{
    public static ImmutableArray<DiagnosticInfo> Check(ExperimentDeclaration declaration, Backend backend = Backend.Cpu)
    {
        var diagnostics = new List<DiagnosticInfo>();
        LinearScalingRuleCheck.Check(declaration, diagnostics);       // TD0001
        ExperimentClassRule.Check(declaration, diagnostics);          // TD0002, TD0011
        RequiredPartsRule.Check(declaration, diagnostics);            // TD0003
        RangeRule.Check(declaration, diagnostics);                    // TD0004
        ModelRule.Check(declaration, diagnostics);                    // TD0005, TD0008
        DecayNeverHappensRule.Check(declaration, diagnostics);        // TD0006
        MilestonesRule.Check(declaration, diagnostics);               // TD0007
        IgnoredOptionRule.Check(declaration, diagnostics);            // TD0009
        NesterovRule.Check(declaration, diagnostics);                 // TD0010
        DuplicateMetricRule.Check(declaration, diagnostics);          // TD0012
        ImbalanceMetricRule.Check(declaration, diagnostics);          // TD0013
        ZeroGammaRule.Check(declaration, diagnostics);                // TD0014
        NoBiasDecayRule.Check(declaration, diagnostics);              // TD0015
        WarmupRule.Check(declaration, diagnostics);                   // TD0016, TD0017
        PlateauRule.Check(declaration, diagnostics);                  // TD0018, TD0019
        DistillTeacherRule.Check(declaration, diagnostics);           // TD0020, TD0021, TD0022
        ConflictingPartsRule.Check(declaration, diagnostics);         // TD0023
        QuestionableCombinationRule.Check(declaration, diagnostics);  // TD0024
        AmpRule.Check(declaration, backend, diagnostics);             // TD0025
        DataSourceRule.Check(declaration, diagnostics);               // TD0027
        FocalAlphaRule.Check(declaration, diagnostics);               // TD0028
        ImageFolderRule.Check(declaration, diagnostics);              // TD0029
        NameClashRule.Check(declaration, diagnostics);                // TD0030
        AdamWeightDecayRule.Check(declaration, diagnostics);          // TD0038
        LayerAdaptationRule.Check(declaration, diagnostics);          // TD0039
        EmaRule.Check(declaration, diagnostics);                      // TD0035, TD0009
        GradientAccumulationRule.Check(declaration, diagnostics);     // TD0036
        TestSelectionRule.Check(declaration, diagnostics);            // TD0032
        EarlyStoppingRule.Check(declaration, diagnostics);            // TD0033
        TopKClassCountRule.Check(declaration, diagnostics);           // TD0043
        BaseExperimentRule.Check(declaration, diagnostics);           // TD0051
        SweepRule.Check(declaration, diagnostics);                    // TD0053, TD0004 (last: it needs a recipe without errors)
        return diagnostics.ToImmutableArray();
    }
}
