using System.Linq;
using Microsoft.CodeAnalysis;

namespace TrainDsl.Generators.Pipeline;

/// <summary>
/// The metadata names the generator recognises. It matches by name because it does not reference
/// the runtime or TorchSharp: the user's compilation does.
/// </summary>
internal static class MetadataNames
{
    public const string Experiment = "TrainDsl.ExperimentAttribute";
    public const string Data = "TrainDsl.DataAttribute";
    public const string Model = "TrainDsl.ModelAttribute";
    public const string Loss = "TrainDsl.LossAttribute";
    public const string Optimizer = "TrainDsl.OptimizerAttribute";
    public const string Schedule = "TrainDsl.ScheduleAttribute";
    public const string Metric = "TrainDsl.MetricAttribute";
    public const string RandomCrop = "TrainDsl.RandomCropAttribute";
    public const string RandomResizedCrop = "TrainDsl.RandomResizedCropAttribute";
    public const string HorizontalFlip = "TrainDsl.HorizontalFlipAttribute";
    public const string MixUp = "TrainDsl.MixUpAttribute";
    public const string CutMix = "TrainDsl.CutMixAttribute";
    public const string FMix = "TrainDsl.FMixAttribute";
    public const string Mixing = "TrainDsl.MixingAttribute";
    public const string Distill = "TrainDsl.DistillAttribute";
    public const string ZeroGamma = "TrainDsl.ZeroGammaAttribute";
    public const string NoBiasDecay = "TrainDsl.NoBiasDecayAttribute";
    public const string Amp = "TrainDsl.AmpAttribute";
    public const string Ema = "TrainDsl.EmaAttribute";
    public const string GradientAccumulation = "TrainDsl.GradientAccumulationAttribute";
    public const string EarlyStopping = "TrainDsl.EarlyStoppingAttribute";
    public const string ClipGradNorm = "TrainDsl.ClipGradNormAttribute";
    public const string Sweep = "TrainDsl.SweepAttribute";

    public const string Module = "TorchSharp.torch+nn+Module`2";
    public const string Tensor = "TorchSharp.torch+Tensor";
    public const string ResidualNorms = "TrainDsl.Models.IResidualNorms";
    public const string DataSource = "TrainDsl.Data.IDataSource";

    /// <summary>The name the runtime would give the type: <c>Ns.Outer+Inner`1</c>.</summary>
    public static string Of(ITypeSymbol type)
    {
        if (type.ContainingType is { } outer) return Of(outer) + "+" + type.MetadataName;
        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? type.MetadataName : ns.ToDisplayString() + "." + type.MetadataName;
    }

    /// <summary>True for TorchSharp's <c>Module&lt;Tensor, Tensor&gt;</c> or a class deriving from it.</summary>
    public static bool IsTensorModule(ITypeSymbol? type)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (current.TypeArguments.Length == 2
                && Of(current.OriginalDefinition) == Module
                && Of(current.TypeArguments[0]) == Tensor
                && Of(current.TypeArguments[1]) == Tensor)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when the type is or implements TrainDsl.Models.IResidualNorms, so zero-γ can find its norms.</summary>
    public static bool HasResidualNorms(ITypeSymbol? type)
        => type is not null && (Of(type) == ResidualNorms || type.AllInterfaces.Any(i => Of(i) == ResidualNorms));

    /// <summary>True when the type carries [Experiment].</summary>
    public static bool IsExperiment(ITypeSymbol type)
        => type.GetAttributes().Any(a => a.AttributeClass is { } c && Of(c) == Experiment);
}
