using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TrainDsl.Generators.Diagnostics;
using TrainDsl.Generators.Pipeline;

namespace TrainDsl.CodeFixes;

/// <summary>
/// Renames an option written in PyTorch's spelling (<c>[Loss(Focal, gamma = 2)]</c>) to the property it means
/// (<c>Gamma = 2</c>): on the compiler's error for the unknown name (CS0246, or CS0103) and on TD0026.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnknownOptionCodeFix)), Shared]
public sealed class UnknownOptionCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "TD0026.Rename";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create("CS0246", "CS0103", DiagnosticDescriptors.UnknownOption.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;

        foreach (var diagnostic in context.Diagnostics)
        {
            var argument = root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeArgumentSyntax>();
            if (argument?.NameEquals is not { } nameEquals || argument.Parent?.Parent is not AttributeSyntax attribute) continue;
            if (model.GetTypeInfo(attribute, context.CancellationToken).Type is not INamedTypeSymbol type
                || !MetadataNames.Of(type).StartsWith("TrainDsl.", System.StringComparison.Ordinal)) continue;

            var options = type.GetMembers().OfType<IPropertySymbol>()
                .Where(p => p.SetMethod is { DeclaredAccessibility: Accessibility.Public } && !p.IsStatic)
                .Select(p => p.Name).ToList();
            if (PyTorchNames.Meant(nameEquals.Name.Identifier.ValueText, options) is not { } meant) continue;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use " + meant,
                    cancellationToken => RenameAsync(context.Document, nameEquals.Name, meant, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> RenameAsync(Document document, IdentifierNameSyntax name, string meant, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null) return document;
        return document.WithSyntaxRoot(root.ReplaceNode(name, SyntaxFactory.IdentifierName(meant).WithTriviaFrom(name)));
    }
}
