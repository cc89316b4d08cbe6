namespace TrainDsl.Generators.Parts.Distill;

/// <summary><c>[Distill(typeof(T), Checkpoint = .., Temperature = .., Alpha = ..)]</c>.</summary>
/// <param name="Teacher">What <c>T</c> is; null when the argument is malformed.</param>
/// <param name="TeacherArgument">The <c>typeof(T)</c> argument, where the teacher rules point.</param>
internal sealed record DistillPart(
    TeacherInfo? Teacher,
    Argument<string>? Checkpoint,
    Argument<double>? Temperature,
    Argument<double>? Alpha,
    LocationInfo? TeacherArgument,
    LocationInfo? Attribute)
{
    public static readonly PartOptions<DistillPart> Options = new()
    {
        { nameof(Checkpoint), p => p.Checkpoint, null },
        { nameof(Temperature), p => p.Temperature, ConfigCheck.Positive },
        { nameof(Alpha), p => p.Alpha, ConfigCheck.Probability },
    };
}

/// <summary>What kind of type the teacher is.</summary>
internal enum TeacherKind
{
    /// <summary>Another [Experiment] class: its generated CreateModel builds the teacher.</summary>
    Experiment,

    /// <summary>A Module&lt;Tensor, Tensor&gt; type the generated code constructs (see <see cref="TeacherInfo.Problem"/>).</summary>
    Module,

    /// <summary>The experiment that declares [Distill] (TD0020).</summary>
    Self,

    /// <summary>Neither an experiment nor a module (TD0021).</summary>
    Neither,

    /// <summary>
    /// An [Experiment] class with recipe errors of its own (TD0021): nothing is generated for it, so it has no CreateModel
    /// or ExperimentName for the student's generated code to call.
    /// </summary>
    BrokenExperiment,
}

/// <param name="FullyQualifiedName">As generated code spells it: <c>global::Ns.Teacher</c>.</param>
/// <param name="DisplayName">As messages show it: <c>Ns.Teacher</c>.</param>
/// <param name="Name">As the plan shows it: <c>Teacher</c>.</param>
/// <param name="Problem">For a module type: what keeps the generated code from constructing it.</param>
/// <param name="Dataset">For a teacher experiment: the dataset it trains on, when readable.</param>
internal sealed record TeacherInfo(
    string FullyQualifiedName,
    string DisplayName,
    string Name,
    TeacherKind Kind,
    ModelTypeProblem Problem,
    ModelArguments Arguments,
    DatasetKind? Dataset);
