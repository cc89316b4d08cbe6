namespace TrainDsl.Generators.Emit;

/// <summary>
/// One hyperparameter of the generated <c>Config</c> record, with everything each generated member
/// needs: the property, its <c>--set</c> parser, its run-time check and its plan.json entry.
/// </summary>
/// <param name="Type">The C# type: "int", "double", "double?", "bool", "int[]", "double[]".</param>
/// <param name="Initializer">The declared (or default) value as C# text.</param>
/// <param name="Doc">The one-line summary.</param>
/// <param name="Parser">The <c>ConfigOverrides</c> method that parses <c>--set Name=value</c>; null when not settable.</param>
/// <param name="Checks">The statements of <c>Validate()</c> for this property.</param>
/// <param name="DictionaryValue">The expression plan.json records for it.</param>
internal sealed record ConfigProperty(
    string Name,
    string Type,
    string Initializer,
    string Doc,
    string? Parser,
    string[] Checks,
    string DictionaryValue);
