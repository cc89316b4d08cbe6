namespace TrainDsl;

/// <summary>
/// A grid the <c>sweep</c> command trains: <c>[Sweep(nameof(Config.LearningRate), 0.05, 0.1, 0.2)]</c>. Repeat it to sweep
/// several settings (the grid is their product). The name must be a property of the generated Config, and each value must
/// convert to its type and lie in its range: the analyzer checks both (TD0053, TD0004).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class SweepAttribute(string name, params object[] values) : Attribute
{
    /// <summary>The Config property to vary.</summary>
    public string Name { get; } = name;

    /// <summary>The values to try, in order.</summary>
    public object[] Values { get; } = values;
}
