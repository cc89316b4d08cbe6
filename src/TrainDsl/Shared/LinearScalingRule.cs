using System.Globalization;

// Shared source: compiled into the runtime and linked into the generator (see RecipeKinds.cs), so the
// analyzer, the code fix, the generated Config and the plan compute the same double for every batch size.
#if TRAINDSL_GENERATOR
namespace TrainDsl.Generators;
#else
namespace TrainDsl;
#endif

/// <summary>
/// The linear scaling rule (Goyal et al. 2017, §2.1): SGD's learning rate is 0.1 × batch / 256. It supplies
/// an omitted SGD or LARS learning rate, and TD0001 flags a written one that differs. The batch is the images of one optimizer
/// step: with gradient accumulation, BatchSize × the micro-batches per step.
/// </summary>
public static class LinearScalingRule
{
    /// <summary>
    /// Whether the rule sets <paramref name="optimizer"/>'s rate: SGD's, and LARS's, which is SGD with a layer-wise
    /// trust ratio made for large batches. Adaptive optimizers (Adam, AdamW, RMSprop, LAMB) keep their own default.
    /// </summary>
    public static bool AppliesTo(OptimizerKind optimizer) => optimizer is OptimizerKind.Sgd or OptimizerKind.Lars;

    /// <summary>
    /// 0.1 × B / 256 as one correctly rounded division, B / 2560: the double nearest the exact rate. The
    /// two-step <c>0.1 * B / 256</c> rounds twice and misses it at B = 96, 192 and 384.
    /// </summary>
    public static double LearningRate(int batchSize) => batchSize / 2560.0;

    /// <summary>The rate for <paramref name="accumulationSteps"/> micro-batches of <paramref name="batchSize"/> per step.</summary>
    public static double LearningRate(int batchSize, int accumulationSteps) => LearningRate(batchSize * accumulationSteps);

    /// <summary>How plans explain the rate: "linear scaling rule: 0.1 × 128 / 256".</summary>
    public static string Explain(int batchSize)
        => "linear scaling rule: 0.1 × " + batchSize.ToString(CultureInfo.InvariantCulture) + " / 256";

    /// <summary>With accumulation: "linear scaling rule: 0.1 × 128 × 4 / 256" (micro-batch × micro-batches per step).</summary>
    public static string Explain(int batchSize, int accumulationSteps)
        => "linear scaling rule: 0.1 × " + Batch(batchSize, accumulationSteps) + " / 256";

    /// <summary>The batch as the rule's messages write it: "128", or "128 × 4" with accumulation.</summary>
    public static string Batch(int batchSize, int accumulationSteps)
        => accumulationSteps == 1 ? batchSize.ToString(CultureInfo.InvariantCulture)
            : batchSize.ToString(CultureInfo.InvariantCulture) + " × " + accumulationSteps.ToString(CultureInfo.InvariantCulture);
}
