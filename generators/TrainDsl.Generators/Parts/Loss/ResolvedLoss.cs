namespace TrainDsl.Generators.Parts.Loss;

/// <summary>The loss as the loop computes it.</summary>
/// <param name="LabelSmoothing">The targets' smoothing ε when declared; null leaves it out of the config.</param>
/// <param name="FocalAlpha">Focal per-class weights; empty means unweighted.</param>
internal sealed record ResolvedLoss(
    LossKind Kind,
    double? LabelSmoothing,
    double FocalGamma,
    EquatableArray<double> FocalAlpha)
{
    /// <summary>The declared loss with its defaults; cross-entropy when none is declared.</summary>
    public static ResolvedLoss Resolve(LossPart? loss)
    {
        var kind = loss?.Loss?.Value ?? Defaults.Loss;
        return new ResolvedLoss(
            kind,
            loss?.LabelSmoothing?.Value,
            loss?.Gamma?.Value ?? Defaults.FocalGamma,
            kind == LossKind.Focal ? loss?.Alpha?.Value ?? EquatableArray<double>.Empty : EquatableArray<double>.Empty);
    }
}
