using System.Linq;

namespace TrainDsl.Generators.Emit;

/// <summary>
/// Writes the Config record from the parts' properties: the properties, the resolved learning rate,
/// <c>With</c> (command-line overrides), <c>Validate</c> (run-time checks) and <c>ToDictionary</c> (plan.json).
/// </summary>
internal static class ConfigEmitter
{
    public static void Write(SourceWriter writer, RecipeParts parts)
    {
        var properties = parts.All.SelectMany(p => p.ConfigProperties).ToList();

        writer.Line("/// <summary>Every hyperparameter of the recipe, defaulting to the declared values.</summary>");
        writer.Line("public sealed record Config");
        writer.OpenBrace();
        foreach (var property in properties)
        {
            writer.Line("/// <summary>" + property.Doc + "</summary>");
            writer.Line("public " + property.Type + " " + property.Name + " { get; init; } = " + property.Initializer + ";");
            writer.Line();
        }

        parts.Optimizer.WriteConfigMembers(writer);
        writer.Line();

        writer.Line("/// <summary>This config with the run-time overrides applied (command line <c>--epochs</c>, <c>--set Name=value</c>, …).</summary>");
        writer.Line("public Config With(ConfigOverrides overrides)");
        writer.OpenBrace();
        writer.Line("var config = this with");
        writer.OpenBrace();
        foreach (var name in new[] { "Epochs", "BatchSize", "Seed", "TrainLimit", "TestLimit", "LearningRate" })
        {
            writer.Line(name + " = overrides." + name + " ?? " + name + ",");
        }
        writer.CloseBrace(";");
        writer.Line("foreach (var (name, value) in overrides.Values)");
        writer.OpenBrace();
        writer.Line("config = name switch");
        writer.OpenBrace();
        var settable = properties.Where(p => p.Parse is not null).ToList();
        foreach (var property in settable)
        {
            writer.Line("nameof(" + property.Name + ") => config with { " + property.Name + " = " + property.Parse + " },");
        }
        writer.Line("_ => throw ConfigOverrides.Unknown(ExperimentName, name,");
        writer.Line("    [" + string.Join(", ", settable.Select(p => CSharpLiteral.String(p.Name))) + "]),");
        writer.CloseBrace(";");
        writer.CloseBrace();
        writer.Line("return config;");
        writer.CloseBrace();
        writer.Line();

        writer.Line("/// <summary>Checks values set at run time against the rules the analyzer applies at compile time.</summary>");
        writer.Line("public void Validate()");
        writer.OpenBrace();
        foreach (var check in properties.SelectMany(p => p.Checks))
        {
            writer.Line(check);
        }
        writer.CloseBrace();
        writer.Line();

        writer.Line("/// <summary>Every hyperparameter by name, for plan.json.</summary>");
        writer.Line("public IReadOnlyDictionary<string, object?> ToDictionary() => new Dictionary<string, object?>");
        writer.OpenBrace();
        foreach (var property in properties)
        {
            writer.Line("[" + CSharpLiteral.String(property.Name) + "] = " + property.DictionaryValue + ",");
        }
        writer.CloseBrace(";");
        writer.Line();

        writer.Line("private static TrainDsl.TrainDslException Invalid(FormattableString problem) =>");
        writer.Line("    new($\"{ExperimentName}: {problem.ToString(CultureInfo.InvariantCulture)}; fix the attribute or the override.\");");
        writer.CloseBrace();
    }
}
