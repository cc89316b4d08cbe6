using System.Text.Json.Serialization;

namespace TrainDsl.Runs;

/// <summary>
/// The JSON of a run's files: plan.json, summary.json, resume.json and the state kept in it. Names are camelCase,
/// files indented, and NaN and ±∞ written as named literals (a loss can be NaN; a plateau's best starts at ±∞).
/// Source-generated, so no serializer is built by reflection at run time.
/// <para>A plan's Config values are typed object, so every type a generated Config property can hold is
/// registered too; a value of any other type cannot be written.</para>
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RecipePlan))]
[JsonSerializable(typeof(RunSummary))]
[JsonSerializable(typeof(ResumePoint))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(double[]))]
[JsonSerializable(typeof(Dictionary<string, double>))] // metrics by name (eval --json)
[JsonSerializable(typeof(IReadOnlyList<Predict.Prediction>))] // predict --json
[JsonSerializable(typeof(Schedules.ReduceLROnPlateau.PlateauState))]
internal sealed partial class RunJson : JsonSerializerContext;
