using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace TrainDsl.Generators.Emit;

/// <summary>
/// One string of the generated plan (its Loss, Optimizer, ...), built from literal text and holes that
/// read the config at run time. Parts append to it, so a part that changes what a string says (mixing
/// changes the loss) appends its own words. Written as a plain literal when it has no holes, else as an
/// invariant-culture interpolation.
/// </summary>
internal sealed class PlanText
{
    private readonly List<(string Text, bool IsHole)> _pieces = new();

    public PlanText(string text = "") => Text(text);

    /// <summary>Literal text, shown as written.</summary>
    public PlanText Text(string text)
    {
        if (text.Length > 0) _pieces.Add((text, false));
        return this;
    }

    /// <summary>An expression evaluated at run time, as written inside an interpolation hole.</summary>
    public PlanText Hole(string expression)
    {
        _pieces.Add((expression, true));
        return this;
    }

    /// <summary>Writes <c>Property = ...,</c> as an object-initializer line.</summary>
    public void Write(SourceWriter writer, string property)
    {
        if (!_pieces.Any(p => p.IsHole))
        {
            writer.Line(property + " = " + CSharpLiteral.String(string.Concat(_pieces.Select(p => p.Text))) + ",");
            return;
        }
        var content = new StringBuilder();
        foreach (var (text, isHole) in _pieces)
        {
            if (isHole) content.Append('{').Append(text).Append('}');
            else content.Append(EscapeForInterpolation(text));
        }
        writer.Line(property + " = string.Create(CultureInfo.InvariantCulture,");
        writer.Line("    $\"" + content + "\"),");
    }

    private static string EscapeForInterpolation(string text)
    {
        var literal = CSharpLiteral.String(text);
        return literal.Substring(1, literal.Length - 2).Replace("{", "{{").Replace("}", "}}");
    }
}
