namespace TrainDsl;

/// <summary>
/// Marks a <c>partial</c> class as a training experiment. The TrainDsl generator emits its config
/// record, its <c>Train</c>/<c>Evaluate</c> methods and, in an executable with no <c>Main</c>, the
/// command line.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ExperimentAttribute : Attribute
{
    /// <summary>Passes over the training set. Default 10.</summary>
    public int Epochs { get; set; }

    /// <summary>Images per optimizer step. Default 128.</summary>
    public int BatchSize { get; set; }

    /// <summary>Seeds weights, shuffling and every random choice of the recipe. Default 0.</summary>
    public int Seed { get; set; }
}
