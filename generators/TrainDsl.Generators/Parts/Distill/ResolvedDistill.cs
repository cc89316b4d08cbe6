namespace TrainDsl.Generators.Parts.Distill;

/// <summary>The distillation teacher as the loop runs it.</summary>
/// <param name="Kind">Experiment or Module.</param>
/// <param name="Reference">The teacher type's <c>global::</c> name.</param>
/// <param name="Name">As the plan shows it.</param>
/// <param name="Checkpoint">The declared checkpoint; null takes the teacher experiment's newest run.</param>
internal sealed record ResolvedDistill(
    TeacherKind Kind,
    string Reference,
    string Name,
    ModelArguments Arguments,
    string? Checkpoint,
    double Temperature,
    double Alpha)
{
    /// <summary>The declared teacher with its defaults; null when [Distill] is not declared.</summary>
    public static ResolvedDistill? Resolve(DistillPart? distill)
    {
        if (distill?.Teacher is not { } teacher) return null;
        return new ResolvedDistill(
            teacher.Kind,
            teacher.FullyQualifiedName,
            teacher.Name,
            teacher.Arguments,
            distill.Checkpoint?.Value,
            distill.Temperature?.Value ?? Defaults.DistillTemperature,
            distill.Alpha?.Value ?? Defaults.DistillAlpha);
    }
}
