using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TrainDsl.Generators.Pipeline;

/// <summary>
/// The recipe's words (<c>FashionMnist</c>, <c>SmallCnn</c>, <c>Accuracy</c>, …): the names of the recipe enums' members,
/// which the package's <c>using static TrainDsl.Recipe</c> brings into scope. A namespace or type of the user's with the
/// same name is found first and hides the word (CS0118, CS0119); <see cref="FindHidden"/> finds where that happened (TD0041).
/// </summary>
internal static class RecipeWords
{
    /// <summary>Every word: the members of the enums in RecipeKinds.cs, which TrainDsl.Recipe mirrors (a test checks).</summary>
    public static readonly HashSet<string> All = new(
        new[]
        {
            typeof(DatasetKind), typeof(BadImagePolicy), typeof(ModelKind), typeof(LossKind), typeof(OptimizerKind),
            typeof(ScheduleKind), typeof(ScheduleInterval), typeof(MetricKind), typeof(AmpPrecision),
        }.SelectMany(Enum.GetNames),
        StringComparer.Ordinal);

    /// <summary>The qualified spelling that no namespace or type of the user's can hide (short of one named Recipe).</summary>
    public static string Qualified(string word) => "Recipe." + word;

    /// <summary>
    /// Arguments of the TrainDsl attributes on <paramref name="type"/> written as a bare recipe word that binds to
    /// something else: a namespace or type of the user's named like the word.
    /// </summary>
    public static EquatableArray<HiddenRecipeWord> FindHidden(INamedTypeSymbol type, Compilation? compilation, CancellationToken cancellationToken)
    {
        if (compilation is null) return EquatableArray<HiddenRecipeWord>.Empty;
        var hidden = new List<HiddenRecipeWord>();
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is not { } attributeClass
                || !MetadataNames.Of(attributeClass).StartsWith("TrainDsl.", StringComparison.Ordinal)
                || attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax { ArgumentList: { } list } syntax)
            {
                continue;
            }
            SemanticModel? model = null;
            foreach (var argument in list.Arguments)
            {
                if (argument.Expression is not IdentifierNameSyntax identifier || !All.Contains(identifier.Identifier.ValueText)) continue;
                if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree)) return EquatableArray<HiddenRecipeWord>.Empty;
                model ??= compilation.GetSemanticModel(syntax.SyntaxTree);
                var info = model.GetSymbolInfo(identifier, cancellationToken);
                var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                var meaning = symbol switch
                {
                    INamespaceSymbol ns => ("the namespace '" + ns.ToDisplayString() + "'", "the namespace"),
                    ITypeSymbol t => ("the type '" + t.ToDisplayString() + "'", "the type"),
                    _ => ((string, string)?)null,
                };
                if (meaning is not { } m) continue;
                hidden.Add(new HiddenRecipeWord(
                    identifier.Identifier.ValueText, attributeClass.Name.Replace("Attribute", ""), m.Item1, m.Item2, LocationInfo.From(identifier)));
            }
        }
        return hidden.ToEquatableArray();
    }
}

/// <summary>A bare recipe word in an attribute argument that means a namespace or type of the user's instead (TD0041).</summary>
/// <param name="Attribute">The attribute as written in messages: "Data".</param>
/// <param name="Meaning">What the word binds to: "the namespace 'FashionMnist'".</param>
/// <param name="Rename">What to rename instead of qualifying the word: "the namespace".</param>
internal sealed record HiddenRecipeWord(string Word, string Attribute, string Meaning, string Rename, LocationInfo? Location);
