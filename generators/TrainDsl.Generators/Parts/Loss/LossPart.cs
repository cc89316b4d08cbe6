namespace TrainDsl.Generators.Parts.Loss;

/// <summary><c>[Loss(kind, Gamma = .., Alpha = new[] {..}, LabelSmoothing = ..)]</c> as written.</summary>
internal sealed record LossPart(
    Argument<LossKind>? Loss,
    Argument<double>? Gamma,
    Argument<EquatableArray<double>>? Alpha,
    Argument<double>? LabelSmoothing,
    LocationInfo? Attribute)
{
    /// <summary>Which loss takes which option, and their ranges.</summary>
    public static readonly PartOptions<LossPart> Options = new(p => p.Loss, "loss")
    {
        { nameof(Gamma), p => p.Gamma, ConfigCheck.ZeroOrMore, LossKind.Focal },
        { nameof(Alpha), p => p.Alpha, ConfigCheck.Positive, LossKind.Focal },
        { nameof(LabelSmoothing), p => p.LabelSmoothing, ConfigCheck.Fraction, LossKind.CrossEntropy, LossKind.Focal },
    };

    public static LossPart Parse(AttributeArguments args) => new(
        args.PositionalEnum<LossKind>(0),
        args.Double(nameof(Gamma)),
        args.DoubleArray(nameof(Alpha)),
        args.Double(nameof(LabelSmoothing)),
        args.Attribute);
}
