using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TrainDsl.Generators.Pipeline;

/// <summary>
/// A Main method or a top-level statement of the user's, as plain values: where it is and the simple names it uses,
/// which tell whether it runs an experiment (TD0042).
/// </summary>
/// <param name="What">"Main method" or "top-level code", as messages say it.</param>
internal sealed record OwnEntryPoint(string What, LocationInfo? Location, EquatableArray<string> Names)
{
    public static OwnEntryPoint From(SyntaxNode node)
    {
        var names = node.DescendantNodes().OfType<SimpleNameSyntax>().Select(n => n.Identifier.ValueText)
            .Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToEquatableArray();
        return node is MethodDeclarationSyntax method
            ? new OwnEntryPoint("Main method", LocationInfo.From(method.Identifier), names)
            : new OwnEntryPoint("top-level code", LocationInfo.From(node), names);
    }
}
