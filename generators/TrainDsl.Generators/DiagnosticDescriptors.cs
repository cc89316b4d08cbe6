using Microsoft.CodeAnalysis;

namespace TrainDsl.Generators;

/// <summary>
/// Every diagnostic TrainDsl reports. IDs are stable: never renumber or reuse one.
/// TD00xx check the recipe; TD01xx flag parts that exist but are not implemented yet.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "TrainDsl";

    private static DiagnosticDescriptor Create(
        string id, string title, string message, DiagnosticSeverity severity, string description)
        => new(
            id,
            title,
            message,
            Category,
            severity,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: "https://github.com/traindsl/traindsl/blob/main/README.md#" + id.ToLowerInvariant());

    public static readonly DiagnosticDescriptor LinearScalingRule = Create(
        "TD0001",
        "SGD learning rate differs from the linear scaling rule",
        "LearningRate {0} differs from the linear scaling rule 0.1 × {1} / 256 = {2} for batch size {1}; set it to {2} or remove it so the rule supplies it",
        DiagnosticSeverity.Warning,
        "Goyal et al. (2017) scale SGD's learning rate with the batch: lr = 0.1 × batch / 256. " +
        "When LearningRate is omitted the generator applies the rule; an explicit different value is often a leftover from another batch size.");

    public static readonly DiagnosticDescriptor ExperimentNotPartial = Create(
        "TD0002",
        "Experiment class must be partial",
        "Experiment class '{0}' must be partial so the generator can add its training code; add the 'partial' modifier",
        DiagnosticSeverity.Error,
        "The generator adds the config, Train and Evaluate members to the [Experiment] class in another part of the same partial class.");

    public static readonly DiagnosticDescriptor RequiredPartMissing = Create(
        "TD0003",
        "Required recipe part missing",
        "Experiment '{0}' has no [{1}] attribute; add one, for example [{2}]",
        DiagnosticSeverity.Error,
        "Every experiment needs [Data], [Model] and [Optimizer]; [Loss], [Schedule] and [Metric] have defaults (cross-entropy, constant rate, accuracy).");

    public static readonly DiagnosticDescriptor ValueOutOfRange = Create(
        "TD0004",
        "Recipe value out of range",
        "{0} = {1} is out of range; use {2}",
        DiagnosticSeverity.Error,
        "Each recipe value has a valid range (for example Epochs ≥ 1, Momentum in [0, 1), LabelSmoothing in [0, 1)); NaN and infinities are never valid.");

    public static readonly DiagnosticDescriptor InvalidModelType = Create(
        "TD0005",
        "Model type cannot be used",
        "Model type '{0}' {1}; use a TorchSharp Module<Tensor, Tensor> with a public (int inChannels, int classes) or parameterless constructor",
        DiagnosticSeverity.Error,
        "[Model(typeof(T))] needs a concrete class deriving from TorchSharp.torch.nn.Module<Tensor, Tensor> that the generated code can construct.");

    public static readonly DiagnosticDescriptor DecayNeverHappens = Create(
        "TD0006",
        "Learning-rate decay never happens",
        "{0} {1} is not below the {2} epochs of the run, so that decay never happens; use a value below {2} or train for more epochs",
        DiagnosticSeverity.Warning,
        "A per-epoch schedule counts epochs from 0, so a milestone or step size at or beyond the number of epochs never lowers the rate.");

    // No message arguments, so the braces are literal: Roslyn formats only messages that take arguments.
    public static readonly DiagnosticDescriptor MilestonesMissing = Create(
        "TD0007",
        "MultiStep schedule without milestones",
        "The MultiStep schedule has no Milestones, so the learning rate would never decay; add Milestones, for example Milestones = new[] { 30, 60, 80 }",
        DiagnosticSeverity.Error,
        "MultiStepLR multiplies the rate by Gamma at each milestone; without milestones it is a constant schedule, so declare [Schedule(Constant)] if that is intended.");

    public static readonly DiagnosticDescriptor InvalidFactoryMethod = Create(
        "TD0008",
        "Model factory method cannot be used",
        "Model factory '{0}' {1}; {2}",
        DiagnosticSeverity.Error,
        "[Model(nameof(M))] names a static method of the experiment class that returns a TorchSharp Module<Tensor, Tensor>.");

    public static readonly DiagnosticDescriptor OptionIgnored = Create(
        "TD0009",
        "Option has no effect on the chosen part",
        "{0} has no effect on {1}; remove it",
        DiagnosticSeverity.Warning,
        "Some options belong to one choice only (Gamma to focal loss, Momentum to SGD, Milestones to MultiStep, K to TopK, ...); elsewhere they are ignored.");

    public static readonly DiagnosticDescriptor NesterovWithoutMomentum = Create(
        "TD0010",
        "Nesterov momentum needs momentum",
        "Nesterov = true needs Momentum > 0 (PyTorch rejects Nesterov with zero momentum); raise Momentum or remove Nesterov",
        DiagnosticSeverity.Error,
        "Nesterov's look-ahead is defined through the momentum buffer, so PyTorch's SGD raises an error for nesterov=True with momentum=0.");

    public static readonly DiagnosticDescriptor UnsupportedExperimentClass = Create(
        "TD0011",
        "Experiment class shape not supported",
        "Experiment class '{0}' is {1}, which the generator does not support; declare it as a top-level, non-generic class",
        DiagnosticSeverity.Error,
        "The generated part is emitted at namespace level as 'partial class Name', so the experiment cannot be nested in another type, generic, or a record.");

    public static readonly DiagnosticDescriptor DuplicateMetric = Create(
        "TD0012",
        "Metric declared twice",
        "[Metric({0})] is declared more than once and is reported only once; remove the duplicate",
        DiagnosticSeverity.Warning,
        "Each metric is computed once per evaluation however often it is declared.");

    public static readonly DiagnosticDescriptor NotSupportedYet = Create(
        "TD0100",
        "Recipe part not supported yet",
        "{0} is not supported yet, so the generated training loop ignores it; remove it until TrainDsl implements it",
        DiagnosticSeverity.Warning,
        "The attribute exists so its spelling is stable, but the generator does not emit it yet; a later version will.");
}
