namespace TrainDsl.Generators.Emit;

/// <summary>
/// One hyperparameter of the generated <c>Config</c> record: the property and its run-time checks. Overriding,
/// checking and listing the properties is the runtime's <c>Hyperparameters</c>, which reads them by reflection,
/// so the generated code only describes each property.
/// </summary>
/// <param name="Type">The C# type: "int", "double", "double?", "bool", "int[]", "double[]", "string?".</param>
/// <param name="Initializer">The declared (or default) value as C# text.</param>
/// <param name="Doc">The one-line summary.</param>
/// <param name="Check">The arguments of its <c>[Check(...)]</c> attribute, e.g. <c>ConfigCheck.AtLeastOne</c>; null when any value goes.</param>
internal sealed record ConfigProperty(
    string Name,
    string Type,
    string Initializer,
    string Doc,
    string? Check)
{
    /// <summary>An int property checked against <paramref name="range"/>.</summary>
    public static ConfigProperty Int(string name, int value, string doc, ConfigCheck range)
        => new(name, "int", CSharpLiteral.Int(value), doc, Qualified.CheckOf(range));

    /// <summary>A double property checked against <paramref name="range"/>.</summary>
    public static ConfigProperty Double(string name, double value, string doc, ConfigCheck range)
        => new(name, "double", CSharpLiteral.Double(value), doc, Qualified.CheckOf(range));

    public static ConfigProperty AtLeastOne(string name, int value, string doc)
        => new(name, "int", CSharpLiteral.Int(value), doc, Qualified.CheckOf(ConfigCheck.AtLeastOne));

    public static ConfigProperty Limit(string name, int value, string doc)
        => new(name, "int", CSharpLiteral.Int(value), doc, Qualified.CheckOf(ConfigCheck.AllOrMore));

    public static ConfigProperty NonNegativeInt(string name, int value, string doc)
        => new(name, "int", CSharpLiteral.Int(value), doc, Qualified.CheckOf(ConfigCheck.ZeroOrMore));

    public static ConfigProperty Positive(string name, double value, string doc)
        => new(name, "double", CSharpLiteral.Double(value), doc, Qualified.CheckOf(ConfigCheck.Positive));

    public static ConfigProperty NonNegative(string name, double value, string doc)
        => new(name, "double", CSharpLiteral.Double(value), doc, Qualified.CheckOf(ConfigCheck.ZeroOrMore));

    /// <summary>A value in [0, 1).</summary>
    public static ConfigProperty Fraction(string name, double value, string doc)
        => new(name, "double", CSharpLiteral.Double(value), doc, Qualified.CheckOf(ConfigCheck.Fraction));

    /// <summary>A value in [0, 1]: a probability or a weight.</summary>
    public static ConfigProperty Probability(string name, double value, string doc)
        => new(name, "double", CSharpLiteral.Double(value), doc, Qualified.CheckOf(ConfigCheck.Probability));
}
