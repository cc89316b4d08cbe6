using Microsoft.CodeAnalysis;

namespace TrainDsl.Generators.Diagnostics;

/// <summary>
/// Every diagnostic TrainDsl reports. IDs are stable: never renumber or reuse one.
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
        "SGD or LARS learning rate differs from the linear scaling rule",
        "LearningRate {0} differs from the linear scaling rule 0.1 × {1} / 256 = {2} for batch size {1}; set it to {2} or remove it so the rule supplies it",
        DiagnosticSeverity.Warning,
        "Goyal et al. (2017) scale SGD's learning rate with the batch: lr = 0.1 × batch / 256; LARS, SGD with a layer-wise trust ratio, follows it too. " +
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

    public static readonly DiagnosticDescriptor AccuracyOnImbalancedData = Create(
        "TD0013",
        "Only accuracy-like metrics on an imbalanced training set",
        "Imbalance = {0} makes the largest training class {0} times the smallest, but only {1} is reported, which mostly reflects the large classes; add [Metric(MacroF1)] or [Metric(BalancedAccuracy)]",
        DiagnosticSeverity.Warning,
        "On a long-tailed training set a model can neglect the rare classes at little cost in accuracy (or top-k, weighted F1, loss); macro F1 and balanced accuracy weigh every class equally.");

    public static readonly DiagnosticDescriptor ZeroGammaWithoutResidualNorms = Create(
        "TD0014",
        "Zero-γ needs a residual model",
        "[ZeroGamma] starts the last BatchNorm of each residual branch at γ = 0, but {0}, so ZeroGamma.Apply would stop the run; use a ResNet, implement TrainDsl.Models.IResidualNorms, or remove [ZeroGamma]",
        DiagnosticSeverity.Warning,
        "ZeroGamma.Apply finds the norms through TrainDsl.Models.IResidualNorms, which the built-in ResNets implement; a factory should return a type that implements it.");

    public static readonly DiagnosticDescriptor NoBiasDecayWithoutWeightDecay = Create(
        "TD0015",
        "No-bias-decay without weight decay",
        "[NoBiasDecay] has no effect with WeightDecay = 0, since no parameter is decayed; set WeightDecay > 0 or remove [NoBiasDecay]",
        DiagnosticSeverity.Warning,
        "[NoBiasDecay] exempts biases and normalisation parameters from weight decay; with a weight decay of 0 there is nothing to exempt them from (unless WeightDecay is set at run time).");

    public static readonly DiagnosticDescriptor WarmupTooLong = Create(
        "TD0016",
        "Warmup as long as the run",
        "WarmupEpochs = {0} is not shorter than the {1} epochs of the run, so the rate never leaves the warmup; use fewer warmup epochs or train for more epochs",
        DiagnosticSeverity.Error,
        "Linear warmup raises the rate to its base over the first epochs; a warmup of the whole run never reaches the schedule it leads into.");

    public static readonly DiagnosticDescriptor WarmupStepsNeedPerStep = Create(
        "TD0017",
        "WarmupSteps needs a per-step schedule",
        "WarmupSteps counts optimizer steps, but {0}; {1}",
        DiagnosticSeverity.Error,
        "A per-epoch schedule reads the rate once per epoch, so a warmup measured in steps would be rounded to whole epochs.");

    public static readonly DiagnosticDescriptor PlateauWithoutMetric = Create(
        "TD0018",
        "Plateau schedule without a metric to watch",
        "[Schedule(Plateau)] lowers the rate when a metric stops improving, but none is named; set Monitor (for example Monitor = Loss) or mark a metric with [Metric(..., Primary = true)]",
        DiagnosticSeverity.Error,
        "ReduceLROnPlateau watches one metric after every epoch; name it so that reordering the [Metric] attributes cannot change the schedule.");

    public static readonly DiagnosticDescriptor MonitorNotDeclared = Create(
        "TD0019",
        "Monitored metric is not declared",
        "Monitor = {0} is not a declared metric, so the Plateau schedule has nothing to watch; add [Metric({0})] or monitor a declared metric (Loss is always available)",
        DiagnosticSeverity.Error,
        "The plateau schedule reads the monitored metric from each epoch's evaluation, which computes the declared metrics and the test loss.");

    public static readonly DiagnosticDescriptor TeacherIsSelf = Create(
        "TD0020",
        "Experiment distills from itself",
        "'{0}' cannot be its own distillation teacher; name another [Experiment] class or a trained Module<Tensor, Tensor> type",
        DiagnosticSeverity.Error,
        "Knowledge distillation trains a student on the predictions of a separately trained teacher.");

    public static readonly DiagnosticDescriptor InvalidTeacher = Create(
        "TD0021",
        "Teacher type cannot be used",
        "Teacher '{0}' {1}; name an [Experiment] class or a TorchSharp Module<Tensor, Tensor> with a public (int inChannels, int classes) or parameterless constructor",
        DiagnosticSeverity.Error,
        "The generated code builds the teacher with the teacher experiment's CreateModel, or constructs the module type like [Model(typeof(T))].");

    public static readonly DiagnosticDescriptor TeacherCheckpointMissing = Create(
        "TD0022",
        "Teacher checkpoint missing",
        "Teacher '{0}' is a module type, so no run folder names its weights; set Checkpoint = \"path/to/model.bin\" (or --set TeacherCheckpoint=FILE)",
        DiagnosticSeverity.Error,
        "A teacher experiment's newest run supplies its weights when Checkpoint is omitted; a plain module type has no runs, so its checkpoint must be given.");

    public static readonly DiagnosticDescriptor IncompatibleParts = Create(
        "TD0023",
        "Recipe parts conflict",
        "{0} cannot be combined with {1}: {2}",
        DiagnosticSeverity.Error,
        "Some parts contradict each other (two warmup lengths, two primary metrics); keep one.");

    public static readonly DiagnosticDescriptor QuestionableCombination = Create(
        "TD0024",
        "Recipe parts work against each other",
        "{0} with {1}: {2}",
        DiagnosticSeverity.Warning,
        "The combination runs, but one part undoes or misleads another (a horizontal flip on digits, a teacher trained on other data).");

    public static readonly DiagnosticDescriptor Fp16OnCpu = Create(
        "TD0025",
        "fp16 mixed precision on a CPU-only build",
        "[Amp(Float16)] on a CPU-only build is slow: CPU kernels have no fast fp16 path (about 15× slower than fp32 measured on an AVX-512 CPU); use [Amp] (bf16), which is faster than fp32 and needs no loss scaling",
        DiagnosticSeverity.Warning,
        "fp16 exists for GPUs with fp16 tensor cores. LibTorch's CPU kernels emulate most fp16 arithmetic, while bf16 runs natively on AVX-512 BF16 and AMX. " +
        "The build's backend is the MSBuild property TrainDslBackend (cpu unless set to cuda).");

    public static readonly DiagnosticDescriptor UnknownOption = Create(
        "TD0026",
        "Unknown recipe option",
        "'{0}' is not an option of [{1}]; {2}",
        DiagnosticSeverity.Error,
        "Options are the attribute's properties, in PascalCase. PyTorch's and timm's names (gamma, label_smoothing, lr, weight_decay, " +
        "T_max, eta_min, ...) name the property they mean, and the code fix renames the argument.");

    public static readonly DiagnosticDescriptor InvalidDataSource = Create(
        "TD0027",
        "Data source type cannot be used",
        "Data source '{0}' {1}; use a class that implements TrainDsl.Data.IDataSource and has a public parameterless constructor",
        DiagnosticSeverity.Error,
        "[Data(typeof(T))] names a type the generated code creates with new T() and loads through TrainDsl.Data.IDataSource.");

    public static readonly DiagnosticDescriptor FocalAlphaClassCount = Create(
        "TD0028",
        "Focal loss Alpha does not match the classes",
        "Alpha holds {0} weights, but {1} has {2} classes; give one weight per class, in label order",
        DiagnosticSeverity.Error,
        "Focal loss weighs the term of class c by Alpha[c], so Alpha needs exactly one weight per class of the dataset; " +
        "FocalLoss rejects any other length at the first step.");

    // No message arguments, so the braces are literal.
    public static readonly DiagnosticDescriptor ImageSizeMissing = Create(
        "TD0029",
        "Image folder without an image size",
        "[Data(ImageFolder)] needs Size, the side of the square images the model reads, for example Size = 64",
        DiagnosticSeverity.Error,
        "Images in a folder come in any size; each one's shorter side is resized to Size and the center cropped, so the model sees Size × Size images.");

    public static readonly DiagnosticDescriptor GeneratedNameClash = Create(
        "TD0030",
        "Name clashes with the generated code",
        "{0} '{1}' clashes with the '{1}' the generated code {2}; rename it",
        DiagnosticSeverity.Error,
        "The generator adds Config, Metrics, TrainResult, Plan, Train, Evaluate, Runner, ExperimentName, the Create* factories and " +
        "helpers to the experiment class, so a class or member of the user's with one of those names collides with them; it names " +
        "every other type global::-qualified, which only a type var or a type System, TorchSharp, TrainDsl or TrainDslProgram in the " +
        "global namespace can change. Nothing is generated until the name is changed.");

    public static readonly DiagnosticDescriptor GeneratorFailed = Create(
        "TD0031",
        "The TrainDsl generator failed",
        "The TrainDsl generator failed ({0}); nothing was generated. Please report this with the declaration that caused it.",
        DiagnosticSeverity.Error,
        "An unexpected failure of the generator. It is reported instead of thrown, since a generator that throws makes the " +
        "compiler drop every generated file, the program's entry point included.");

    public static readonly DiagnosticDescriptor AdamWithWeightDecay = Create(
        "TD0038",
        "Adam with weight decay",
        "Adam adds WeightDecay = {0} to the gradient as L2, which its per-coordinate scaling then shrinks unevenly, so it regularizes little; use [Optimizer(AdamW, WeightDecay = {0})] for decoupled decay",
        DiagnosticSeverity.Warning,
        "Loshchilov & Hutter (2019) show that L2 regularization and weight decay differ for adaptive optimizers: Adam divides the L2 term by the " +
        "gradient's running magnitude, so weights with large gradients are barely decayed. AdamW decays every weight by lr × WeightDecay.");

    public static readonly DiagnosticDescriptor LayerwiseWithoutNoBiasDecay = Create(
        "TD0039",
        "Layer-wise optimizer adapts biases and norms",
        "{0} applies its layer-wise trust ratio (and any weight decay) to biases and norm parameters too; add [NoBiasDecay] to exempt them, as {1}",
        DiagnosticSeverity.Info,
        "The trust ratio ‖w‖ / ‖update‖ of LARS and LAMB suits weight matrices; biases and norm parameters are small vectors, often zero at the start. " +
        "SimCLR's and BYOL's LARS and BERT's LAMB exclude them from weight decay and from adaptation; [NoBiasDecay] does the same.");
    public static readonly DiagnosticDescriptor LowPrecisionEvalWithEma = Create(
        "TD0035",
        "LowPrecisionEval has no effect with [Ema]",
        "With [Ema] each epoch evaluates the fp32 average of the weights, so LowPrecisionEval = true has no effect; remove it",
        DiagnosticSeverity.Warning,
        "The EMA's average moves by (1 − Decay) of a step each update; a 16-bit copy of it would round those steps away, so " +
        "evaluation, best.bin and model.bin use the fp32 average whatever [Amp] says.");

    public static readonly DiagnosticDescriptor AccumulationOfOneStep = Create(
        "TD0036",
        "Gradient accumulation over one micro-batch does nothing",
        "[GradientAccumulation] with Steps = 1 makes every batch its own optimizer step; set Steps to 2 or more, or remove the attribute",
        DiagnosticSeverity.Warning,
        "Steps micro-batches of BatchSize images make one optimizer step on the mean loss of Steps × BatchSize images; with one " +
        "micro-batch that is the plain loop.");
    public static readonly DiagnosticDescriptor SelectsOnTestSet = Create(
        "TD0032",
        "Early stopping decides on the test set",
        "[EarlyStopping] decides when to stop on test-set metrics, so the reported test metrics are optimistic; declare a validation " +
        "split, for example [Data(..., Validation = 0.1)], to decide on held-out training images instead",
        DiagnosticSeverity.Info,
        "Without [Data(Validation = ..)], early stopping, a plateau schedule and best.bin select on the test set. A held-out " +
        "validation set (stratified, with a fixed seed) keeps the test set for an unbiased final estimate.");

    public static readonly DiagnosticDescriptor EarlyStoppingNeverStops = Create(
        "TD0033",
        "Early stopping can never stop the run",
        "Patience {0} is at least the run's {1} epochs, so early stopping can never stop it; lower Patience below Epochs or remove [EarlyStopping]",
        DiagnosticSeverity.Warning,
        "The first epoch only sets the best value, so at most Epochs − 1 epochs can go without improvement.");

    public static readonly DiagnosticDescriptor HiddenRecipeWord = Create(
        "TD0041",
        "A recipe word is hidden by a name of the program",
        "'{0}' in [{1}] means {2}, not the recipe word; write {3}, or rename {4}",
        DiagnosticSeverity.Error,
        "The recipe words (FashionMnist, SmallCnn, Accuracy, ...) come from the package's 'using static TrainDsl.Recipe', which C# " +
        "searches after the program's own namespaces and types: a namespace or type named like a word (dotnet new traindsl -n " +
        "FashionMnist makes one) hides it, and the compiler reports CS0118 or CS0119. Recipe.FashionMnist names the word in any scope.");

    public static readonly DiagnosticDescriptor EntryPointRunsNoExperiment = Create(
        "TD0042",
        "The program's own entry point runs no experiment",
        "The program's own {0} runs no experiment ({1}) but takes the place of the generated command line; delete it (for example the console template's Program.cs) so the generated Main runs the experiments, or call TrainDsl.Cli.ExperimentCli.Run(args, new E.Runner()) from it",
        DiagnosticSeverity.Warning,
        "An executable with [Experiment] classes gets a generated Main (train, eval, plan, list) unless it has a Main or top-level " +
        "statements of its own. One that names no experiment and not ExperimentCli, such as the 'Hello, World!' a console project " +
        "starts with, runs instead of them and exits 0.");

    public static readonly DiagnosticDescriptor TopKNotBelowClassCount = Create(
        "TD0043",
        "Top-K accuracy with K not below the class count",
        "K = {0} is not below the {2} classes of {1}, so top-{0} accuracy counts every prediction as right (1.0); use K ≤ {3}",
        DiagnosticSeverity.Error,
        "Top-K accuracy counts a prediction as right when the true class is among the K highest logits; with K at least the " +
        "number of classes that is always so. The built-in datasets' class counts are known at compile time.");

    public static readonly DiagnosticDescriptor BaseIsNotExperiment = Create(
        "TD0051",
        "Experiment derives from a class that is not an experiment",
        "Experiment '{0}' derives from '{1}', which is not an experiment; derive from an [Experiment] class (to inherit its recipe) or from object",
        DiagnosticSeverity.Error,
        "A class deriving from an experiment inherits its recipe. The topmost experiment of a hierarchy must derive from object: " +
        "recipe attributes on a base class without [Experiment] would be silently ignored, and the base's members would sit beside " +
        "generated static members that never use them. Put [Experiment] on the base to make it the base experiment.");

    public static readonly DiagnosticDescriptor SweepUnknownProperty = Create(
        "TD0053",
        "[Sweep] names no Config property",
        "[Sweep] varies '{0}', which is not a sweepable property of {1}.Config; use one of: {2}",
        DiagnosticSeverity.Error,
        "[Sweep(nameof(Config.X), ...)] varies a hyperparameter of the generated Config record: a number, a switch or a text " +
        "(lists such as Milestones are set whole with --set). The names depend on the recipe: [Schedule(Step)] adds StepSize, " +
        "[Loss(Focal)] adds FocalGamma, and so on.");
}
