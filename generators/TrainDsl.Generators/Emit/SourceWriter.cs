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
    /// <paramref name="head"/> (which ends in an opening parenthesis) with the rest indented below it.
    /// </summary>
    public SourceWriter Statement(string head, string rest)
        => _indent * 4 + head.Length + rest.Length <= MaxLineLength ? Line(head + rest) : Line(head).Line("    " + rest);

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
