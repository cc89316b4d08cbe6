namespace TrainDsl.Generators.Parts.Optimizer;

/// <summary><c>[Optimizer(kind, LearningRate = .., ...)]</c> as written; each argument is null when not written.</summary>
internal sealed record OptimizerPart(
    Argument<OptimizerKind>? Optimizer,
    Argument<double>? LearningRate,
    Argument<double>? Momentum,
    Argument<bool>? Nesterov,
    Argument<double>? WeightDecay,
    Argument<double>? Beta1,
    Argument<double>? Beta2,
    Argument<double>? Epsilon,
    Argument<bool>? Amsgrad,
    Argument<double>? Alpha,
    Argument<bool>? Centered,
    Argument<double>? TrustCoefficient,
    LocationInfo? Attribute)
{
    /// <summary>Which optimizer takes which option, and their ranges.</summary>
    public static readonly PartOptions<OptimizerPart> Options = new(p => p.Optimizer, "optimizer")
    {
        { nameof(LearningRate), p => p.LearningRate, ConfigCheck.Positive },
        { nameof(Momentum), p => p.Momentum, ConfigCheck.Fraction, OptimizerKind.Sgd, OptimizerKind.RmsProp, OptimizerKind.Lars },
        { nameof(Nesterov), p => p.Nesterov, null, OptimizerKind.Sgd },
        { nameof(WeightDecay), p => p.WeightDecay, ConfigCheck.ZeroOrMore },
        { nameof(Beta1), p => p.Beta1, ConfigCheck.Fraction, OptimizerKind.AdamW, OptimizerKind.Adam, OptimizerKind.Lamb },
        { nameof(Beta2), p => p.Beta2, ConfigCheck.Fraction, OptimizerKind.AdamW, OptimizerKind.Adam, OptimizerKind.Lamb },
        { nameof(Epsilon), p => p.Epsilon, ConfigCheck.Positive, OptimizerKind.AdamW, OptimizerKind.Adam, OptimizerKind.RmsProp, OptimizerKind.Lamb },
        { nameof(Amsgrad), p => p.Amsgrad, null, OptimizerKind.Adam },
        { nameof(Alpha), p => p.Alpha, ConfigCheck.Fraction, OptimizerKind.RmsProp },
        { nameof(Centered), p => p.Centered, null, OptimizerKind.RmsProp },
        { nameof(TrustCoefficient), p => p.TrustCoefficient, ConfigCheck.Positive, OptimizerKind.Lars },
    };

    public static OptimizerPart Parse(AttributeArguments args) => new(
        args.PositionalEnum<OptimizerKind>(0),
        args.Double(nameof(LearningRate)),
        args.Double(nameof(Momentum)),
        args.Bool(nameof(Nesterov)),
        args.Double(nameof(WeightDecay)),
        args.Double(nameof(Beta1)),
        args.Double(nameof(Beta2)),
        args.Double(nameof(Epsilon)),
        args.Bool(nameof(Amsgrad)),
        args.Double(nameof(Alpha)),
        args.Bool(nameof(Centered)),
        args.Double(nameof(TrustCoefficient)),
        args.Attribute);
}
