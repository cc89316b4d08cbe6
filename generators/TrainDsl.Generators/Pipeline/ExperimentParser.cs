using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TrainDsl.Generators.Pipeline;

/// <summary>
/// Turns an experiment class symbol into an <see cref="ExperimentDeclaration"/>: with
/// <see cref="ExperimentInheritance.Chain"/> (which walks the base classes) the only place that reads symbols and attribute
/// data. The analyzer and the generator both call it, so they see the same recipe.
/// </summary>
internal static class ExperimentParser
{
    /// <summary>
    /// The declaration, or null when <paramref name="type"/> neither carries <c>[Experiment]</c> nor derives from a class
    /// that does. A derived experiment inherits its base's recipe (<see cref="ExperimentInheritance"/>).
    /// </summary>
    /// <param name="compilation">Binds the attribute arguments that failed (TD0041); without it none are reported.</param>
    public static ExperimentDeclaration? Parse(INamedTypeSymbol type, CancellationToken cancellationToken, Compilation? compilation = null)
        => Parse(type, ExperimentInheritance.Chain(type), cancellationToken, compilation);

    private static ExperimentDeclaration? Parse(
        INamedTypeSymbol type, ExperimentChain chain, CancellationToken cancellationToken, Compilation? compilation)
    {
        if (chain.Root is null || type.Name.Length == 0) return null; // no name: a syntax error the compiler reports
        AttributeData? experimentData = FindExperimentAttribute(type);

        // The base experiment's own combined recipe: the rules compare with it, and the emitter hides its members.
        ExperimentDeclaration? baseDeclaration = null;
        if (!SymbolEqualityComparer.Default.Equals(type, chain.Root) && type.BaseType is { } baseType)
        {
            baseDeclaration = Parse(baseType, chain.Skip(1), cancellationToken, compilation);
        }

        var malformed = false;
        var experiment = experimentData is null ? null : new AttributeArguments(experimentData, cancellationToken);
        DataPart? data = null;
        ModelPart? model = null;
        LossPart? loss = null;
        OptimizerPart? optimizer = null;
        SchedulePart? schedule = null;
        var metrics = new List<MetricPart>();
        RandomCropPart? randomCrop = null;
        RandomResizedCropPart? randomResizedCrop = null;
        HorizontalFlipPart? horizontalFlip = null;
        var mixMethods = new List<MixMethodPart>();
        MixingPart? mixing = null;
        DistillPart? distill = null;
        TrickPart? zeroGamma = null;
        TrickPart? noBiasDecay = null;
        AmpPart? amp = null;
        EmaPart? ema = null;
        GradientAccumulationPart? accumulation = null;
        EarlyStoppingPart? earlyStopping = null;
        ClipGradNormPart? clipGradNorm = null;
        var sweeps = new List<SweepPart>();
        var unknownOptions = new List<UnknownOption>();

        foreach (var attribute in type.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (attribute.AttributeClass is not { } attributeClass) continue;
            var name = MetadataNames.Of(attributeClass);
            if (!name.StartsWith("TrainDsl.", System.StringComparison.Ordinal)) continue;

            var args = new AttributeArguments(attribute, cancellationToken);
            switch (name)
            {
                case MetadataNames.Data: data ??= DataParser.Parse(args); break;
                case MetadataNames.Model: model ??= ModelSymbols.Parse(type, args); break;
                case MetadataNames.Loss: loss ??= LossPart.Parse(args); break;
                case MetadataNames.Optimizer: optimizer ??= OptimizerPart.Parse(args); break;
                case MetadataNames.Schedule: schedule ??= SchedulePart.Parse(args); break;
                case MetadataNames.Metric: metrics.Add(MetricPart.Parse(args)); break;
                case MetadataNames.RandomCrop: randomCrop ??= RandomCropPart.Parse(args); break;
                case MetadataNames.RandomResizedCrop: randomResizedCrop ??= RandomResizedCropPart.Parse(args); break;
                case MetadataNames.HorizontalFlip: horizontalFlip ??= HorizontalFlipPart.Parse(args); break;
                case MetadataNames.MixUp: AddMixMethod(MixMethodKind.MixUp, args, mixMethods); break;
                case MetadataNames.CutMix: AddMixMethod(MixMethodKind.CutMix, args, mixMethods); break;
                case MetadataNames.FMix: AddMixMethod(MixMethodKind.FMix, args, mixMethods); break;
                case MetadataNames.Mixing: mixing ??= MixingPart.Parse(args); break;
                case MetadataNames.Distill: distill ??= DistillParser.Parse(type, args); break;
                case MetadataNames.ZeroGamma: zeroGamma ??= new TrickPart(args.Attribute); break;
                case MetadataNames.NoBiasDecay: noBiasDecay ??= new TrickPart(args.Attribute); break;
                case MetadataNames.Amp: amp ??= AmpPart.Parse(args); break;
                case MetadataNames.Ema: ema ??= EmaPart.Parse(args); break;
                case MetadataNames.GradientAccumulation: accumulation ??= GradientAccumulationPart.Parse(args); break;
                case MetadataNames.EarlyStopping: earlyStopping ??= EarlyStoppingPart.Parse(args); break;
                case MetadataNames.ClipGradNorm: clipGradNorm ??= ClipGradNormPart.Parse(args); break;
                case MetadataNames.Sweep: sweeps.Add(SweepPart.Parse(args)); break;
                default: continue;
            }
            malformed |= args.IsMalformed;
            AddUnknownOptions(args, attributeClass.Name.Replace("Attribute", ""), unknownOptions);
        }

        var experimentPart = experiment is null ? ExperimentPart.None : ExperimentPart.Parse(experiment);
        if (experiment is not null)
        {
            AddUnknownOptions(experiment, "Experiment", unknownOptions);
            malformed |= experiment.IsMalformed;
        }

        var declaration = experiment?.Syntax?.Parent?.Parent as TypeDeclarationSyntax;
        var own = new ExperimentDeclaration(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            type.Name,
            ParseShape(type, cancellationToken),
            LocationInfo.From(declaration?.Identifier ?? default) ?? LocationInfo.From(type.Locations.FirstOrDefault()),
            experimentPart,
            data,
            model,
            loss,
            optimizer,
            schedule,
            metrics.ToEquatableArray(),
            randomCrop,
            randomResizedCrop,
            horizontalFlip,
            mixMethods.ToEquatableArray(),
            mixing,
            distill,
            zeroGamma,
            noBiasDecay,
            amp,
            ema,
            accumulation,
            earlyStopping,
            clipGradNorm,
            unknownOptions.ToEquatableArray(),
            malformed ? RecipeWords.FindHidden(type, compilation, cancellationToken) : EquatableArray<HiddenRecipeWord>.Empty,
            NameClashes.Find(type),
            malformed)
        {
            Sweeps = sweeps.ToEquatableArray(),
            NonExperimentBase = chain.NonExperimentBase,
        };
        return baseDeclaration is null ? own : ExperimentInheritance.Merge(own, baseDeclaration);
    }

    private static AttributeData? FindExperimentAttribute(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is { } c && MetadataNames.Of(c) == MetadataNames.Experiment) return attribute;
        }
        return null;
    }

    /// <summary>
    /// A mixing method applied twice is the compiler's CS0579 (the attributes are not repeatable); found by the fuzz test,
    /// it generated its Config property twice, so it marks the attribute malformed and nothing is generated.
    /// </summary>
    private static void AddMixMethod(MixMethodKind kind, AttributeArguments args, List<MixMethodPart> mixMethods)
    {
        if (mixMethods.Any(m => m.Kind == kind)) args.MarkMalformed();
        else mixMethods.Add(MixMethodPart.Parse(kind, args));
    }

    /// <summary>Named arguments that bind to no property of the attribute (TD0026), with the properties they could mean.</summary>
    private static void AddUnknownOptions(AttributeArguments args, string attribute, List<UnknownOption> unknownOptions)
    {
        EquatableArray<string>? options = null;
        foreach (var (unbound, location) in args.UnboundNames())
        {
            options ??= args.PropertyNames().OrderBy(n => n, System.StringComparer.Ordinal).ToEquatableArray();
            unknownOptions.Add(new UnknownOption(attribute, unbound, options.Value, location));
        }
    }

    private static ClassShape ParseShape(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var isPartial = type.DeclaringSyntaxReferences.Length > 0
            && type.DeclaringSyntaxReferences.All(r =>
                r.GetSyntax(cancellationToken) is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword));
        return new ClassShape(
            isPartial,
            type.ContainingType?.Name,
            type.IsGenericType,
            type.IsRecord);
    }

}
