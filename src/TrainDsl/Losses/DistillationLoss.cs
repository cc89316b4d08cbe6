using static TorchSharp.torch;

namespace TrainDsl.Losses;

/// <summary>
/// Knowledge distillation (Hinton et al. 2015, §2): loss = α·T²·KL(softmax(t/T) ‖ softmax(s/T)) + (1 − α)·CE(s, y),
/// with the KL term as PyTorch's F.kl_div(F.log_softmax(s/T), F.softmax(t/T), reduction='batchmean') (summed over
/// classes, averaged over the batch). T² keeps the soft term's gradient scale independent of T.
/// The target is int64 class indices [B] (plain cross-entropy) or probability rows [B, C] from mixing
/// (soft-target cross-entropy −Σ y·log softmax(s), averaged). With a focal label term the (1 − α) part is
/// <see cref="FocalLoss"/> instead, on either kind of target, so a focal recipe keeps its focusing when it distills.
/// Computed in fp32; the teacher gets no gradient.
/// </summary>
public sealed class DistillationLoss
{
    private readonly CrossEntropyLoss _hard = new();
    private readonly SoftTargetCrossEntropy _soft = new();

    /// <param name="temperature">T &gt; 0 softens both distributions (Hinton et al. use 1–20; 4 is common).</param>
    /// <param name="alpha">α in [0, 1], the weight of the distillation term; 1 − α weighs the label term.</param>
    /// <param name="focal">The label term as focal loss; null keeps cross-entropy.</param>
    public DistillationLoss(double temperature = 4, double alpha = 0.9, FocalLoss? focal = null)
    {
        if (!(temperature > 0) || double.IsInfinity(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "Distillation temperature must be a finite number > 0 (4 is common).");
        if (!(alpha >= 0 && alpha <= 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Distillation alpha must lie in [0, 1]: 1 learns only from the teacher, 0 only from the labels.");
        Temperature = temperature;
        Alpha = alpha;
        Focal = focal;
    }

    public double Temperature { get; }
    public double Alpha { get; }
    /// <summary>The focal label term, or null for cross-entropy.</summary>
    public FocalLoss? Focal { get; }

    /// <summary>Mean loss over the batch, an fp32 scalar.</summary>
    /// <param name="studentLogits">[B, C] logits of the model being trained.</param>
    /// <param name="teacherLogits">[B, C] logits of the teacher for the same images (detached here); null when distillation is
    /// switched off (Config.Distill = false), which leaves the label term alone at full weight: the loss without [Distill].</param>
    /// <param name="target">[B] int64 class indices, or [B, C] floating-point probability rows.</param>
    public Tensor Forward(Tensor studentLogits, Tensor? teacherLogits, Tensor target)
    {
        if (studentLogits.ndim != 2)
            throw new ArgumentException($"{nameof(DistillationLoss)} expects student logits shaped [batch, classes], got [{string.Join(", ", studentLogits.shape)}].", nameof(studentLogits));
        if (teacherLogits is not null && !teacherLogits.shape.SequenceEqual(studentLogits.shape))
            throw new ArgumentException(
                $"{nameof(DistillationLoss)} expects teacher logits shaped like the student's [{string.Join(", ", studentLogits.shape)}], got [{string.Join(", ", teacherLogits.shape)}]; both models must score the same classes for the same batch.", nameof(teacherLogits));
        bool soft = target.is_floating_point();
        if (soft && !target.shape.SequenceEqual(studentLogits.shape))
            throw new ArgumentException(
                $"{nameof(DistillationLoss)} expects floating-point targets shaped like the logits [{string.Join(", ", studentLogits.shape)}], got [{string.Join(", ", target.shape)}]; pass class indices as int64.", nameof(target));

        using var scope = NewDisposeScope();
        var student = LossInputs.AsFloat32(studentLogits);
        double alpha = teacherLogits is null ? 0 : Alpha;
        Tensor? loss = null;
        if (alpha > 0)
        {
            double t = Temperature;
            var logQ = (student / t).log_softmax(1);
            var logP = (LossInputs.AsFloat32(teacherLogits!.detach()) / t).log_softmax(1);
            // Σ p (log p − log q) / B: kl_div with a log-space target is exact where p underflows to 0.
            var kl = nn.functional.kl_div(logQ, logP, log_target: true, reduction: nn.Reduction.Sum) / studentLogits.shape[0];
            loss = kl * (alpha * t * t);
        }
        if (alpha < 1)
        {
            var labels = Focal is { } focal ? focal.Forward(student, target)
                : soft ? _soft.Forward(student, target) : _hard.Forward(student, target);
            loss = loss is null ? labels * (1 - alpha) : loss + labels * (1 - alpha);
        }
        return scope.MoveToOuter(loss!);
    }
}
