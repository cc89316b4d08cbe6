using System.Collections.Generic;
using System.Linq;

namespace TrainDsl.Generators.Emit;

/// <summary>
/// The names the generated code declares in the experiment class, and the few it refers to that a name of the user's
/// can still change, which a class, member or type of the user's must not take (TD0030). GeneratorSafetyTests checks
/// the lists against what every baseline recipe actually generates.
/// </summary>
internal static class GeneratedNames
{
    /// <summary>Members the generated part declares in the experiment class (any recipe).</summary>
    public static readonly HashSet<string> Members = new HashSet<string>(System.StringComparer.Ordinal)
    {
        "AblationVariants", "AdditionVariants", "ClassBalanceNotes", "Config", "DeclaredParts", "DeclaredSweep", "CreateDataSource", "CreateModel", "CreateSchedule",
        "CropSeedOffset", "DataOptionsFor", "EvalBatchSize", "Evaluate", "ExperimentName", "ExportRecipe", "FlipSeedOffset", "LoadPredictor", "LoadTeacher",
        "LongTailClassSizes",
        "Metrics", "MixingSeedOffset", "Plan", "Predict", "ResizedCropSeedOffset", "Runner", "TeacherCheckpointFor", "Train", "TrainResult",
    };

    /// <summary>
    /// The one simple name the generated code still binds in the user's scope: <c>var</c>, which a type of the user's named
    /// var in an enclosing namespace would turn into that type. Every type is written <c>global::</c>-qualified (<see cref="Qualified"/>).
    /// </summary>
    public static readonly HashSet<string> Contextual = new HashSet<string>(System.StringComparer.Ordinal) { "var" };

    /// <summary>
    /// Names the generated code takes in the global namespace: the roots of its <c>global::</c> names (<see cref="Qualified.Roots"/>),
    /// and the entry point's class (whose file names each runner <c>global::</c>-qualified, which finds the file's own class).
    /// A type of the user's with one of these names in the global namespace makes them ambiguous, so it is a clash wherever
    /// the experiment is.
    /// </summary>
    public static readonly HashSet<string> GlobalNames =
        new HashSet<string>(Qualified.Roots.Append(EntryPointEmitter.HintName), System.StringComparer.Ordinal);

    /// <summary>Whether the generated code declares or refers to <paramref name="name"/>.</summary>
    public static bool Contains(string name) => Members.Contains(name) || Contextual.Contains(name);
}
