using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TrainDsl.Generators.Diagnostics;
using TrainDsl.Generators.Parts.Optimizer;

namespace TrainDsl.CodeFixes;

/// <summary>
/// TD0001: sets an SGD learning rate to the linear scaling rule's value, or removes it so the rule
/// supplies it (and keeps supplying it when the batch size changes).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LinearScalingRuleCodeFix)), Shared]
public sealed class LinearScalingRuleCodeFix : CodeFixProvider
{
    public const string SetEquivalenceKey = "TD0001.Set";
    public const string RemoveEquivalenceKey = "TD0001.Remove";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.LinearScalingRule.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;

        foreach (var diagnostic in context.Diagnostics)
        {
            var argument = root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeArgumentSyntax>();
            if (argument?.NameEquals is null) continue;

            if (diagnostic.Properties.TryGetValue(LinearScalingRuleCheck.ExpectedLearningRateProperty, out var expected)
                && expected is not null
                && diagnostic.Properties.TryGetValue(LinearScalingRuleCheck.BatchSizeProperty, out var batchSize)
                && double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Set LearningRate to 0.1 × " + batchSize + " / 256 = " + expected,
                        cancellationToken => SetAsync(context.Document, argument, expected, value, cancellationToken),
                        SetEquivalenceKey),
                    diagnostic);
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Remove LearningRate (the rule supplies it)",
                    cancellationToken => RemoveAsync(context.Document, argument, cancellationToken),
                    RemoveEquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> SetAsync(
        Document document, AttributeArgumentSyntax argument, string text, double value, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null) return document;
        var literal = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(text, value))
            .WithTriviaFrom(argument.Expression);
        return document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, literal));
    }

    private static async Task<Document> RemoveAsync(Document document, AttributeArgumentSyntax argument, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || argument.Parent is not AttributeArgumentListSyntax list) return document;

        // Removing from the separated list drops the comma that belonged to the argument.
        var arguments = list.Arguments.Remove(argument);
        var newList = arguments.Count == 0 ? null : list.WithArguments(arguments);
        var attribute = (AttributeSyntax)list.Parent!;
        return document.WithSyntaxRoot(root.ReplaceNode(attribute, attribute.WithArgumentList(newList)));
    }
}
