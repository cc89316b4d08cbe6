using System.Collections.Generic;
using System.Text;

namespace TrainDsl.Generators.Emit;

/// <summary>
/// Writes C# text line by line with four-space indentation and "\n" line endings, so the output is
/// the same on every machine.
/// </summary>
internal sealed class SourceWriter
{
    /// <summary>No generated line is longer: people read the generated file.</summary>
    public const int MaxLineLength = 140;

    private readonly StringBuilder _builder = new();
    private int _indent;

    /// <summary>Lines written so far.</summary>
    public int LineCount { get; private set; }

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0) _builder.Append(' ', _indent * 4).Append(text);
        _builder.Append('\n');
        LineCount++;
        return this;
    }

    /// <summary>Writes "{" and indents until the matching <see cref="CloseBrace"/>.</summary>
    public SourceWriter OpenBrace()
    {
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter CloseBrace(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    public SourceWriter Indent()
    {
        _indent++;
        return this;
    }

    public SourceWriter Unindent()
    {
        _indent--;
        return this;
    }

    /// <summary>
    /// One statement: on one line when it fits in <see cref="MaxLineLength"/>, else broken after
    /// <paramref name="head"/> (which ends in an opening parenthesis or an operator) with the rest indented below it.
    /// </summary>
    public SourceWriter Statement(string head, string rest)
        => Fits(head + rest) ? Line(head + rest) : Line(head.TrimEnd()).Line("    " + rest);

    /// <summary>
    /// A member's signature, <c>head name(parameters)tail</c>: on one line when it fits; else the parameters below the
    /// opening parenthesis (broken before the name first when a long <c>global::</c> return type leaves no room), on one
    /// line when they fit, else one a line.
    /// </summary>
    public SourceWriter Signature(string head, string name, string parameters, string tail = "")
    {
        var call = name + "(" + parameters + ")" + tail;
        if (Fits(head + " " + call)) return Line(head + " " + call);
        var indent = "    ";
        if (parameters.Length > 0 && Fits(head + " " + name + "(")) Line(head + " " + name + "(");
        else
        {
            Line(head);
            if (Fits(indent + call)) return Line(indent + call);
            Line(indent + name + "(");
            indent += "    ";
        }
        if (Fits(indent + parameters + ")" + tail)) return Line(indent + parameters + ")" + tail);
        var list = TopLevelParts(parameters);
        for (var i = 0; i < list.Count; i++) Line(indent + list[i] + (i == list.Count - 1 ? ")" + tail : ","));
        return this;
    }

    /// <summary>A parameter list split at its top-level commas (not those of <c>Module&lt;Tensor, Tensor&gt;</c>).</summary>
    private static List<string> TopLevelParts(string parameters)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        for (var i = 0; i < parameters.Length; i++)
        {
            var c = parameters[i];
            if (c is '<' or '(' or '[') depth++;
            else if (c is '>' or ')' or ']') depth--;
            else if (c == ',' && depth == 0)
            {
                parts.Add(parameters.Substring(start, i - start).Trim());
                start = i + 1;
            }
        }
        parts.Add(parameters.Substring(start).Trim());
        return parts;
    }

    /// <summary>Whether <paramref name="text"/> fits on a line at the current indentation.</summary>
    public bool Fits(string text) => _indent * 4 + text.Length <= MaxLineLength;

    /// <summary>A <c>/// &lt;summary&gt;</c> comment: on one line when it fits, else wrapped at spaces.</summary>
    public SourceWriter Summary(string text)
    {
        var oneLine = "/// <summary>" + text + "</summary>";
        if (_indent * 4 + oneLine.Length <= MaxLineLength) return Line(oneLine);
        Line("/// <summary>");
        var width = MaxLineLength - _indent * 4 - 4;
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                Line("/// " + line);
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) Line("/// " + line);
        return Line("/// </summary>");
    }

    public override string ToString() => _builder.ToString();
}
