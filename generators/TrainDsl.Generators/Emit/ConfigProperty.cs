namespace TrainDsl.Generators.Emit;

/// <summary>
/// One hyperparameter of the generated <c>Config</c> record, with everything each generated member
/// needs: the property, its <c>--set</c> parser, its run-time check and its plan.json entry.
/// </summary>
/// <param name="Type">The C# type: "int", "double", "double?", "bool", "int[]", "double[]", "string?".</param>
/// <param name="Initializer">The declared (or default) value as C# text.</param>
/// <param name="Doc">The one-line summary.</param>
/// <param name="Parse">The expression that turns <c>--set Name=value</c>'s <c>value</c> into the property's type; null when not settable.</param>
/// <param name="Checks">The statements of <c>Validate()</c> for this property.</param>
/// <param name="DictionaryValue">The expression plan.json records for it.</param>
internal sealed record ConfigProperty(
    string Name,
    string Type,
    string Initializer,
    string Doc,
    string? Parse,
    string[] Checks,
    string DictionaryValue)
{
    /// <summary>The call of a <c>ConfigOverrides</c> parser, e.g. <c>ConfigOverrides.ParseInt(ExperimentName, name, value)</c>.</summary>
    public static string Parser(string method) => "ConfigOverrides." + method + "(ExperimentName, name, value)";

    public static ConfigProperty AtLeastOne(string name, int value, string doc)
        => new(name, "int", CSharpLiteral.Int(value), doc, Parser("ParseInt"),
            new[] { "if (" + name + " < 1) throw Invalid($\"" + name + " must be at least 1, got {" + name + "}\");" }, name);

    public static ConfigProperty Limit(string name, int value, string doc)
        => new(name, "int", CSharpLiteral.Int(value), doc, Parser("ParseInt"),
            new[] { "if (" + name + " < 0) throw Invalid($\"" + name + " must be 0 (all) or more, got {" + name + "}\");" }, name);

    public static ConfigProperty NonNegativeInt(string name, int value, string doc)
        => new(name, "int", CSharpLiteral.Int(value), doc, Parser("ParseInt"),
            new[] { "if (" + name + " < 0) throw Invalid($\"" + name + " must be 0 or more, got {" + name + "}\");" }, name);

    public static ConfigProperty Positive(string name, double value, string doc)
        => new(name, "double", CSharpLiteral.Double(value), doc, Parser("ParseDouble"),
            new[] { "if (!(" + name + " > 0 && double.IsFinite(" + name + "))) throw Invalid($\"" + name + " must be a positive number, got {" + name + "}\");" }, name);

    public static ConfigProperty NonNegative(string name, double value, string doc)
        => new(name, "double", CSharpLiteral.Double(value), doc, Parser("ParseDouble"),
            new[] { "if (!(" + name + " >= 0 && double.IsFinite(" + name + "))) throw Invalid($\"" + name + " must be 0 or more, got {" + name + "}\");" }, name);

    /// <summary>A value in [0, 1).</summary>
    public static ConfigProperty Fraction(string name, double value, string doc)
        => new(name, "double", CSharpLiteral.Double(value), doc, Parser("ParseDouble"),
            new[] { "if (!(" + name + " >= 0 && " + name + " < 1)) throw Invalid($\"" + name + " must be in [0, 1), got {" + name + "}\");" }, name);

    /// <summary>A value in [0, 1]: a probability or a weight.</summary>
    public static ConfigProperty Probability(string name, double value, string doc)
        => new(name, "double", CSharpLiteral.Double(value), doc, Parser("ParseDouble"),
            new[] { "if (!(" + name + " >= 0 && " + name + " <= 1)) throw Invalid($\"" + name + " must be in [0, 1], got {" + name + "}\");" }, name);
}
