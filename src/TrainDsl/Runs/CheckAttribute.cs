namespace TrainDsl.Runs;

/// <summary>The <see cref="ConfigCheck"/>s of a generated <c>Config</c> property, in the order they are checked.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CheckAttribute(params ConfigCheck[] checks) : Attribute
{
    public IReadOnlyList<ConfigCheck> Checks { get; } = checks;

    /// <summary>What <see cref="ConfigCheck.Milestones"/> count: "epoch" or "step".</summary>
    public string Unit { get; init; } = "epoch";

    /// <summary>The teacher experiment of <see cref="ConfigCheck.TeacherFileOrNewestRun"/>.</summary>
    public string Teacher { get; init; } = "";

    /// <summary>The property <see cref="ConfigCheck.NotAboveOther"/> compares with: "MaxScale" for MinScale.</summary>
    public string Other { get; init; } = "";
}
