using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TrainDsl.Generators.Model;

/// <summary>
/// Where a diagnostic points, as plain values: a <see cref="Location"/> would keep its syntax tree
/// (and so the whole compilation) alive and is not equal across compilations.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location)
    {
        if (location is null || !location.IsInSource) return null;
        return new LocationInfo(location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());

    public static LocationInfo? From(SyntaxToken token) => token == default ? null : From(token.GetLocation());

    /// <summary>
    /// The source location in <paramref name="compilation"/>'s tree with this path (so code fixes can
    /// find the node), else a location naming only the file and lines.
    /// </summary>
    public Location ToLocation(Compilation? compilation)
    {
        var tree = compilation?.SyntaxTrees.FirstOrDefault(t => t.FilePath == FilePath);
        return tree is not null && Span.End <= tree.Length
            ? Location.Create(tree, Span)
            : Location.Create(FilePath, Span, LineSpan);
    }
}
