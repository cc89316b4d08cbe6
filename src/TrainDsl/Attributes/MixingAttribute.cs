namespace TrainDsl;

/// <summary>
/// How often the declared mixing methods ([MixUp], [CutMix], [FMix]) apply. Without it every
/// training batch is mixed and, with several methods, each is equally likely.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class MixingAttribute : Attribute
{
    /// <summary>Probability that a batch is mixed at all. Default 1.</summary>
    public double Probability { get; set; }

    /// <summary>
    /// With [MixUp] and [CutMix] (timm's switch_prob): probability of CutMix instead of MixUp. With
    /// three methods, FMix takes this share and the others split the rest. Default 0.5.
    /// </summary>
    public double SwitchProbability { get; set; }
}
