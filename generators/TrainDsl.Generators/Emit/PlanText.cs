using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace TrainDsl.Generators.Emit;

/// <summary>
/// One string of the generated plan (its Loss, Optimizer, ...), built from literal text and holes that
/// read the config at run time. Parts append to it, so a part that changes what a string says (mixing
/// changes the loss) appends its own words.
/// </summary>
internal sealed class PlanText
{
    private readonly List<(string Text, bool IsHole)> _pieces = new();

    public PlanText(string text = "") => Text(text);

    /// <summary>Whether nothing was written into it.</summary>
    public bool IsEmpty => _pieces.Count == 0;

    /// <summary>Literal text, shown as written.</summary>
    public PlanText Text(string text)
    {
        if (text.Length == 0) return this;
        if (_pieces.Count > 0 && !_pieces[_pieces.Count - 1].IsHole) _pieces[_pieces.Count - 1] = (_pieces[_pieces.Count - 1].Text + text, false);
        else _pieces.Add((text, false));
        return this;
    }

    /// <summary>An expression evaluated at run time, as written inside an interpolation hole.</summary>
    public PlanText Hole(string expression)
    {
        _pieces.Add((expression, true));
        return this;
    }

    /// <summary>
    /// Writes <c>Property = ...,</c> as object-initializer lines: a literal when there are no holes, else the pieces
    /// as arguments of the runtime's <c>PlanPhrase.Of</c>, wrapped so no line grows past the generated code's width.
    /// </summary>
    public void Write(SourceWriter writer, string property)
    {
        if (!_pieces.Any(p => p.IsHole))
        {
            writer.Line(property + " = " + CSharpLiteral.String(string.Concat(_pieces.Select(p => p.Text))) + ",");
            return;
        }
        writer.Line(property + " = " + Qualified.PlanPhrase + ".Of(");
        var line = new StringBuilder();
        for (var i = 0; i < _pieces.Count; i++)
        {
            var (text, isHole) = _pieces[i];
            var piece = (isHole ? text : CSharpLiteral.String(text)) + (i == _pieces.Count - 1 ? ")," : ",");
            if (line.Length > 0 && line.Length + 1 + piece.Length > LineWidth)
            {
                writer.Line("    " + line);
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(piece);
        }
        writer.Line("    " + line);
    }

    /// <summary>The pieces' share of a line, leaving room for the initializer's indentation.</summary>
    private const int LineWidth = 110;
}
