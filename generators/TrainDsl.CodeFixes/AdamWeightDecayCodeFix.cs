using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TrainDsl.Generators.Diagnostics;

namespace TrainDsl.CodeFixes;

/// <summary>TD0038: turns <c>[Optimizer(Adam, WeightDecay = x)]</c> into <c>[Optimizer(AdamW, WeightDecay = x)]</c>, keeping the other options.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AdamWeightDecayCodeFix)), Shared]
public sealed class AdamWeightDecayCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "TD0038.AdamW";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.AdamWithWeightDecay.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var attribute = root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeSyntax>();
            // The kind is written as Adam or OptimizerKind.Adam; the fix renames that identifier.
            var kind = attribute?.ArgumentList?.Arguments.Count > 0 ? attribute.ArgumentList.Arguments[0].Expression : null;
            var name = kind switch
            {
                IdentifierNameSyntax identifier => identifier,
                MemberAccessExpressionSyntax access => access.Name as IdentifierNameSyntax,
                _ => null,
            };
            if (name is null || name.Identifier.ValueText != "Adam") continue;
            context.RegisterCodeFix(
                CodeAction.Create("Use AdamW (decoupled weight decay)", ct => RenameAsync(context.Document, name, ct), EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> RenameAsync(Document document, IdentifierNameSyntax name, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null) return document;
        return document.WithSyntaxRoot(root.ReplaceNode(name, SyntaxFactory.IdentifierName("AdamW").WithTriviaFrom(name)));
    }
}
