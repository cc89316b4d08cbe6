using System.Linq;

namespace TrainDsl.Generators.Emit;

/// <summary>
/// Writes the Config record from the parts' properties: each property with its default and its checks, the
/// resolved learning rate, and <c>With</c> (command-line overrides), <c>Validate</c> (run-time checks) and
/// <c>ToDictionary</c> (plan.json), which the runtime's <c>Hyperparameters</c> does for every experiment alike.
/// </summary>
internal static class ConfigEmitter
{
    /// <param name="hides"><c>"new "</c> when the record hides a base experiment's Config.</param>
    public static void Write(SourceWriter writer, RecipeParts parts, string hides)
    {
        var properties = parts.All.SelectMany(p => p.ConfigProperties).ToList();

        writer.Line("/// <summary>Every hyperparameter of the recipe, defaulting to the declared values.</summary>");
        writer.Line("public " + hides + "sealed record Config");
        writer.OpenBrace();
        foreach (var property in properties)
        {
            writer.Summary(property.Doc);
            if (property.Check is { } check) writer.Statement("[" + Qualified.Check + "(", check + ")]");
            writer.Line("public " + property.Type + " " + property.Name + " { get; init; } = " + property.Initializer + ";");
            writer.Line();
        }

        parts.Optimizer.WriteConfigMembers(writer);
        writer.Line();

        writer.Line("/// <summary>This config with the run-time overrides applied (command line <c>--epochs</c>, <c>--set Name=value</c>, …).</summary>");
        writer.Line("public Config With(" + Qualified.ConfigOverrides + " overrides) =>");
        writer.Line("    " + Qualified.Hyperparameters + ".Override(this, overrides, ExperimentName);");
        writer.Line();
        writer.Line("/// <summary>Checks values set at run time against the rules the analyzer applies at compile time (the [Check]s above).</summary>");
        writer.Line("public void Validate() => " + Qualified.Hyperparameters + ".Validate(this, ExperimentName);");
        writer.Line();
        writer.Line("/// <summary>Every hyperparameter by name, for plan.json.</summary>");
        writer.Line("public " + Qualified.IReadOnlyDictionary + "<string, object?> ToDictionary() =>");
        writer.Line("    " + Qualified.Hyperparameters + ".ByName(this);");
        writer.CloseBrace();
    }
}
