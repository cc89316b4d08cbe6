namespace TrainDsl.Ablation;

/// <summary>
/// One axis of a sweep grid: a Config property and the values it takes, as typed on the command line
/// (<c>--set LearningRate=0.05,0.1,0.2</c>) or declared by <c>[Sweep]</c>.
/// </summary>
public sealed record SweepAxis(string Name, IReadOnlyList<string> Values)
{
    /// <summary>
    /// Every combination of the axes' values, the first axis varying slowest, as variants named <c>Name=value, ...</c>.
    /// </summary>
    public static IReadOnlyList<AblationVariant> Grid(IReadOnlyList<SweepAxis> axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        if (axes.Count == 0)
            throw new TrainDslException("A sweep needs at least one axis; give --set NAME=v1,v2 (or declare [Sweep]).");
        IEnumerable<string[]> combinations = [[]];
        foreach (var axis in axes)
        {
            if (axis.Values.Count == 0)
                throw new TrainDslException($"Sweep axis {axis.Name} has no values; give them comma-separated, as --set {axis.Name}=a,b.");
            combinations = combinations.SelectMany(c => axis.Values.Select(v => (string[])[.. c, axis.Name + "=" + v])).ToList();
        }
        return [.. combinations.Select(c => AblationVariant.Of(string.Join(", ", c), c))];
    }
}
