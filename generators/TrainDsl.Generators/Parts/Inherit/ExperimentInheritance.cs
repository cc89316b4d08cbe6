using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TrainDsl.Generators.Parts.Inherit;

/// <summary>
/// Experiment inheritance: a class deriving from an experiment is an experiment whose recipe is its base's, with the parts
/// it declares itself replacing the base's part of the same kind ([Loss(Focal)] replaces [Loss(CrossEntropy)]). Parts that
/// repeat add: a [Metric] or mixing method the base lacks joins the base's, one the base has (same metric, same method)
/// replaces it. [Experiment(..)] merges by named argument, so [Experiment(Epochs = 10)] keeps the base's BatchSize.
/// </summary>
internal static class ExperimentInheritance
{
    /// <summary>Deeper than any real hierarchy; only a guard in case the compiler hands back a cyclic chain.</summary>
    private const int MaxDepth = 64;

    /// <summary>
    /// <paramref name="type"/> and its base classes up to the topmost one carrying [Experiment] (the root); the root is null
    /// when none does. C# rejects a cyclic base list (CS0146) and breaks the cycle itself; the visited set only keeps this walk finite.
    /// </summary>
    public static ExperimentChain Chain(INamedTypeSymbol type)
    {
        var types = new List<INamedTypeSymbol>();
        var visited = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            if (current.TypeKind == TypeKind.Error || !visited.Add(current) || types.Count == MaxDepth) break;
            types.Add(current);
        }
        var rootIndex = types.FindLastIndex(MetadataNames.IsExperiment);
        if (rootIndex < 0) return new ExperimentChain(types.Take(0).ToList(), null);

        var root = types[rootIndex];
        NonExperimentBase? nonExperimentBase = null;
        if (root.BaseType is { SpecialType: not SpecialType.System_Object, TypeKind: not TypeKind.Error } baseType)
        {
            nonExperimentBase = new NonExperimentBase(root.Name, baseType.ToDisplayString(), BaseTypeLocation(root));
        }
        return new ExperimentChain(types.Take(rootIndex + 1).ToList(), nonExperimentBase);
    }

    /// <summary>The base type as written in the root's base list, where TD0051 points.</summary>
    private static LocationInfo? BaseTypeLocation(INamedTypeSymbol root)
    {
        foreach (var reference in root.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is ClassDeclarationSyntax { BaseList.Types: { Count: > 0 } types }) return LocationInfo.From(types[0]);
        }
        return LocationInfo.From(root.Locations.FirstOrDefault());
    }

    /// <summary>The derived declaration <paramref name="own"/> over its base experiment's combined recipe.</summary>
    public static ExperimentDeclaration Merge(ExperimentDeclaration own, ExperimentDeclaration @base)
    {
        var origins = new Dictionary<string, string>(System.StringComparer.Ordinal);
        var inherited = new List<PartOrigin>();
        foreach (var origin in @base.Inherited) origins[origin.Part] = origin.From;

        T? Pick<T>(T? mine, T? theirs, string part) where T : class
        {
            if (mine is not null || theirs is null) return mine;
            inherited.Add(new PartOrigin(part, origins.TryGetValue(part, out var from) ? from : @base.Name));
            return theirs;
        }

        var experiment = new ExperimentPart(
            Pick(own.Experiment.Epochs, @base.Experiment.Epochs, "Epochs"),
            Pick(own.Experiment.BatchSize, @base.Experiment.BatchSize, "BatchSize"),
            Pick(own.Experiment.Seed, @base.Experiment.Seed, "Seed"),
            own.Experiment.Attribute ?? @base.Experiment.Attribute);

        // In recipe order, which is the order the plan lists the inherited parts in.
        return own with
        {
            Experiment = experiment,
            Data = Pick(own.Data, @base.Data, "Data"),
            Model = Pick(own.Model, @base.Model, "Model"),
            Loss = Pick(own.Loss, @base.Loss, "Loss"),
            Optimizer = Pick(own.Optimizer, @base.Optimizer, "Optimizer"),
            Schedule = Pick(own.Schedule, @base.Schedule, "Schedule"),
            Metrics = Repeated(own.Metrics, @base.Metrics, MetricLabel, origins, @base.Name, inherited),
            RandomCrop = Pick(own.RandomCrop, @base.RandomCrop, "RandomCrop"),
            RandomResizedCrop = Pick(own.RandomResizedCrop, @base.RandomResizedCrop, "RandomResizedCrop"),
            HorizontalFlip = Pick(own.HorizontalFlip, @base.HorizontalFlip, "HorizontalFlip"),
            MixMethods = Repeated(own.MixMethods, @base.MixMethods, m => m.Kind.ToString(), origins, @base.Name, inherited),
            Mixing = Pick(own.Mixing, @base.Mixing, "Mixing"),
            Distill = Pick(own.Distill, @base.Distill, "Distill"),
            ZeroGamma = Pick(own.ZeroGamma, @base.ZeroGamma, "ZeroGamma"),
            NoBiasDecay = Pick(own.NoBiasDecay, @base.NoBiasDecay, "NoBiasDecay"),
            Amp = Pick(own.Amp, @base.Amp, "Amp"),
            Ema = Pick(own.Ema, @base.Ema, "Ema"),
            GradientAccumulation = Pick(own.GradientAccumulation, @base.GradientAccumulation, "GradientAccumulation"),
            EarlyStopping = Pick(own.EarlyStopping, @base.EarlyStopping, "EarlyStopping"),
            ClipGradNorm = Pick(own.ClipGradNorm, @base.ClipGradNorm, "ClipGradNorm"),
            Sweeps = Repeated(own.Sweeps, @base.Sweeps, s => "Sweep(" + s.Name?.Value + ")", origins, @base.Name, inherited),
            HasMalformedAttribute = own.HasMalformedAttribute || @base.HasMalformedAttribute,
            NonExperimentBase = @base.NonExperimentBase,
            Base = @base,
            Inherited = inherited.ToEquatableArray(),
        };
    }

    /// <summary>The base's parts the derived class does not redeclare (same label), then the derived class's own.</summary>
    private static EquatableArray<T> Repeated<T>(
        EquatableArray<T> own, EquatableArray<T> @base, System.Func<T, string> label,
        Dictionary<string, string> origins, string baseName, List<PartOrigin> inherited)
        where T : System.IEquatable<T>
    {
        var redeclared = new HashSet<string>(own.Select(label), System.StringComparer.Ordinal);
        var kept = new List<T>();
        foreach (var part in @base)
        {
            var name = label(part);
            if (redeclared.Contains(name)) continue;
            kept.Add(part);
            inherited.Add(new PartOrigin(name, origins.TryGetValue(name, out var from) ? from : baseName));
        }
        return kept.Concat(own).ToEquatableArray();
    }

    /// <summary>"Metric(Accuracy)", "Metric(TopK, K = 5)": a metric is redeclared when its kind and K match (as TD0012 counts them).</summary>
    private static string MetricLabel(MetricPart metric)
        => metric.Metric?.Value == MetricKind.TopK
            ? "Metric(TopK, K = " + (metric.K?.Value ?? Defaults.TopK).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")"
            : "Metric(" + metric.Metric?.Value + ")";
}

/// <summary>An experiment class and its base classes up to the topmost [Experiment] class; see <see cref="ExperimentInheritance.Chain"/>.</summary>
internal sealed class ExperimentChain(IReadOnlyList<INamedTypeSymbol> types, NonExperimentBase? nonExperimentBase)
{
    /// <summary>The topmost class carrying [Experiment], or null when there is none.</summary>
    public INamedTypeSymbol? Root => types.Count > 0 ? types[types.Count - 1] : null;

    public NonExperimentBase? NonExperimentBase => nonExperimentBase;

    /// <summary>The class first, then its bases up to the root: the order in which a part is looked up.</summary>
    public IReadOnlyList<INamedTypeSymbol> Types => types;

    public ExperimentChain Skip(int count) => new(types.Skip(count).ToList(), nonExperimentBase);
}

/// <summary>A part the experiment inherited, and the class that declared it: the plan lists them.</summary>
/// <param name="Part">"Data", "Metric(Accuracy)", "MixUp", "BatchSize" (an [Experiment] argument).</param>
internal sealed record PartOrigin(string Part, string From);

/// <summary>The topmost experiment class <paramref name="Experiment"/> derives from <paramref name="BaseType"/>, which is no experiment (TD0051).</summary>
internal sealed record NonExperimentBase(string Experiment, string BaseType, LocationInfo? Location);

/// <summary>
/// What a derived experiment's emitter needs of its base: the members whose signature depends on the recipe, so it writes
/// <c>new</c> exactly where it hides one (a <c>new</c> that hides nothing is a warning too).
/// </summary>
/// <param name="HasCreateDataSource">The base has the parameterless <c>CreateDataSource()</c> (every source but an image folder).</param>
/// <param name="HasDeclaredSweep">The base declares a [Sweep], so it has a <c>DeclaredSweep</c> member.</param>
internal sealed record BaseExperiment(string Name, bool HasCreateDataSource, bool HasDeclaredSweep, bool HasAblation)
{
    public static BaseExperiment Of(ExperimentDeclaration @base)
        => new(@base.Name, @base.Data?.Dataset?.Value != DatasetKind.ImageFolder, !@base.Sweeps.IsEmpty,
            Trick.DeclaredIn(@base).Count > 0);
}
