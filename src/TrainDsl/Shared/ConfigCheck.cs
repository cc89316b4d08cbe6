// Shared source: compiled into the runtime and linked into the generator (see RecipeKinds.cs). The generator
// writes these names into generated Config properties and checks written attribute values against the same
// ranges (ValueRanges), so a value the analyzer accepts is one the run accepts.
#if TRAINDSL_GENERATOR
namespace TrainDsl.Generators;
#else
namespace TrainDsl.Runs;
#endif

/// <summary>
/// A run-time rule of one generated <c>Config</c> property: the value set by an override must satisfy what the
/// analyzer checks in the attribute at compile time. Each rule is named after what it accepts; the message of
/// a broken rule says the same in one sentence (see <see cref="Hyperparameters.Validate"/>).
/// </summary>
public enum ConfigCheck
{
    /// <summary>At least 1.</summary>
    AtLeastOne,

    /// <summary>An epoch count: 1 to <see cref="ValueRanges.MaxEpochs"/>.</summary>
    Epochs,

    /// <summary>A batch size: 1 to <see cref="ValueRanges.MaxBatchSize"/>.</summary>
    BatchSize,

    /// <summary>The side of a square image: 1 to <see cref="ValueRanges.MaxImageSize"/> pixels.</summary>
    ImageSize,

    /// <summary>A data limit: 0 (all) or more.</summary>
    AllOrMore,

    /// <summary>0 or more, and finite.</summary>
    ZeroOrMore,

    /// <summary>A positive finite number; an optional value may be null; every element of a list (class weights).</summary>
    Positive,

    /// <summary>In [0, 1): a momentum or a smoothing.</summary>
    Fraction,

    /// <summary>In [0, 1]: a probability or a weight.</summary>
    Probability,

    /// <summary>In (0, 1): a factor that shrinks the rate.</summary>
    Shrinking,

    /// <summary>In (0, 1]: a start factor, an area fraction.</summary>
    StartFactor,

    /// <summary>A period: 0 (the whole run) or more.</summary>
    WholeRunOrMore,

    /// <summary>An imbalance ratio n_max / n_min: 1 (balanced) or more.</summary>
    BalancedOrMore,

    /// <summary>Image channels: 1 (grayscale) or 3 (RGB).</summary>
    Channels,

    /// <summary>Milestones: at least one (in <see cref="CheckAttribute.Unit"/>s), each at least 1.</summary>
    Milestones,

    /// <summary>Nesterov momentum needs Momentum &gt; 0.</summary>
    NeedsMomentum,

    /// <summary>Below Epochs: a warmup leaves epochs to train.</summary>
    BelowEpochs,

    /// <summary>Not above the property <see cref="CheckAttribute.Other"/> names: the low end of a range.</summary>
    NotAboveOther,

    /// <summary>The teacher's model.bin: not empty.</summary>
    TeacherFile,

    /// <summary>The teacher's model.bin, or null for the newest run of <see cref="CheckAttribute.Teacher"/>: not empty.</summary>
    TeacherFileOrNewestRun,
}
