using System.Globalization;
using System.Text;

namespace TrainDsl.Generators.Emit;

/// <summary>Values as C# source text, culture-invariant, so output never depends on the machine's locale.</summary>
internal static class CSharpLiteral
{
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>The shortest text that round-trips: 0.05, 0.0005, 1E-08.</summary>
    public static string Double(double value)
    {
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary><paramref name="name"/> as an identifier in source: <c>@class</c> for a reserved keyword.</summary>
    public static string Identifier(string name)
        => Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    /// <summary>
    /// A regular string literal with quotes, backslashes, control characters and every line terminator escaped
    /// (U+0085, U+2028 and U+2029 too: a raw one ends the line, and the literal with it).
    /// </summary>
    public static string String(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029') builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }
}
