using System.Reflection;

namespace TrainDsl.Generators.Tests;

/// <summary>
/// The generator reads enum arguments as numbers, so its copies of the runtime's enums must have the
/// same names and values (the runtime's comment: append only); its copy of the class-balance threshold
/// must be the runtime's too.
/// </summary>
public sealed class RecipeKindsTests
{
    public static TheoryData<Type, Type> Pairs => new()
    {
        { typeof(TrainDsl.DatasetKind), typeof(Model.DatasetKind) },
        { typeof(TrainDsl.ModelKind), typeof(Model.ModelKind) },
        { typeof(TrainDsl.LossKind), typeof(Model.LossKind) },
        { typeof(TrainDsl.OptimizerKind), typeof(Model.OptimizerKind) },
        { typeof(TrainDsl.ScheduleKind), typeof(Model.ScheduleKind) },
        { typeof(TrainDsl.ScheduleInterval), typeof(Model.ScheduleInterval) },
        { typeof(TrainDsl.MetricKind), typeof(Model.MetricKind) },
        { typeof(TrainDsl.AmpPrecision), typeof(Model.AmpPrecision) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Generator_enum_matches_the_runtime_enum(Type runtime, Type generator)
    {
        Assert.Equal(Members(runtime), Members(generator));
    }

    [Fact]
    public void Every_public_runtime_enum_of_the_recipe_has_a_copy()
    {
        var runtimeEnums = typeof(TrainDsl.ExperimentAttribute).Assembly.GetExportedTypes()
            .Where(t => t.IsEnum && t.Namespace == "TrainDsl")
            .Select(t => t.Name)
            .Order();
        Assert.Equal(runtimeEnums, Pairs.Select(p => ((Type)p[0]).Name).Order());
    }

    [Fact]
    public void The_imbalance_threshold_is_the_runtime_one()
    {
        Assert.Equal(TrainDsl.Metrics.ClassBalance.Threshold, Rules.Defaults.ImbalanceThreshold);
    }

    private static List<(string, long)> Members(Type enumType)
        => enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (f.Name, Convert.ToInt64(f.GetRawConstantValue())))
            .OrderBy(m => m.Item2)
            .ToList();
}
