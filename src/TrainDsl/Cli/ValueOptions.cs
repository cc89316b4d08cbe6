using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace TrainDsl.Cli;

/// <summary>
/// Options that take one value, parsed the same way on every command: a bad value is one sentence naming the
/// option as typed, and a repeated option keeps its last value (as POSIX tools do, so a script can append an
/// override to a command line it was given).
/// </summary>
internal static class ValueOptions
{
    /// <summary>A whole number; below <paramref name="min"/> is refused with <paramref name="belowMin"/>.</summary>
    public static Option<int?> Int(string name, string helpName, string description, int min = int.MinValue, string? belowMin = null) =>
        Create<int?>(name, helpName, description, "a whole number",
            text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null,
            value => (int)value < min ? belowMin : null);

    public static Option<long> Long(string name, string helpName, string description, long min = long.MinValue, string? belowMin = null) =>
        Create<long>(name, helpName, description, "a whole number",
            text => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null,
            value => (long)value < min ? belowMin : null);

    public static Option<double?> Double(string name, string helpName, string description) =>
        Create<double?>(name, helpName, description, "a number such as 0.05",
            text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null, _ => null);

    public static Option<string?> Text(string name, string helpName, string description, params string[] aliases) =>
        Create<string?>(name, helpName, description, "a value", text => text, _ => null, aliases);

    /// <summary>
    /// An existing folder. A mistyped path is refused rather than created (a dataset would then be looked for, or
    /// downloaded, in the wrong place), and so is a file.
    /// </summary>
    public static Option<string?> Folder(string name, string helpName, string description) =>
        Create<string?>(name, helpName, description, "a folder", text => text, value => (string)value switch
        {
            var path when File.Exists(path) => $"{name} '{path}' is a file; pass the folder that holds the datasets.",
            var path when !Directory.Exists(path) =>
                $"{name} folder '{Path.GetFullPath(path)}' does not exist; check the path, or create the folder (mkdir -p) to have datasets downloaded into it.",
            _ => null,
        });

    /// <summary>
    /// Each occurrence takes one token; <paramref name="parse"/> returns null for a bad one, and <paramref name="check"/>
    /// the sentence refusing a parsed value out of range. Both run in the parser, because System.CommandLine's
    /// validators run even after a value failed to parse (and then cannot read it).
    /// </summary>
    private static Option<T> Create<T>(string name, string helpName, string description, string expected,
        Func<string, object?> parse, Func<object, string?> check, params string[] aliases) => new(name, aliases)
    {
        HelpName = helpName,
        Description = description,
        // One or more occurrences; AllowMultipleArgumentsPerToken (false) keeps it to one token per occurrence.
        Arity = ArgumentArity.OneOrMore,
        CustomParser = result =>
        {
            object? value = null;
            foreach (var token in result.Tokens)
            {
                // System.CommandLine takes the next token even when it is another option, as in `--epochs --quiet`.
                if (token.Value.StartsWith("--", StringComparison.Ordinal))
                {
                    result.AddError($"Option {Typed(result, name)} needs a value; see --help.");
                    return default!;
                }
                value = parse(token.Value);
                if (value is null)
                {
                    result.AddError($"Option {Typed(result, name)} takes {expected}, got '{token.Value}'.");
                    return default!;
                }
                if (check(value) is { } outOfRange)
                {
                    result.AddError(outOfRange);
                    return default!;
                }
            }
            return (T)value!;
        },
    };

    /// <summary>The option as the user typed it (<c>-e</c> or <c>--experiment</c>).</summary>
    private static string Typed(SymbolResult result, string name) =>
        (result as OptionResult ?? result.Parent as OptionResult)?.IdentifierToken?.Value ?? name;
}
