using System.Text;

namespace TrainDsl.Generators.Emit;

/// <summary>
/// Writes C# text line by line with four-space indentation and "\n" line endings, so the output is
/// the same on every machine.
/// </summary>
internal sealed class SourceWriter
{
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

    public override string ToString() => _builder.ToString();
}
