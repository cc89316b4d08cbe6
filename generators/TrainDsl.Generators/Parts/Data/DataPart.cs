namespace TrainDsl.Generators.Parts.Data;

/// <summary><c>[Data(dataset, TrainLimit = .., TestLimit = .., Imbalance = ..)]</c> as written; <see cref="Dataset"/> is null when malformed.</summary>
internal sealed record DataPart(
    Argument<DatasetKind>? Dataset,
    Argument<int>? TrainLimit,
    Argument<int>? TestLimit,
    Argument<double>? Imbalance,
    LocationInfo? Attribute)
{
    public static readonly PartOptions<DataPart> Options = new(p => p.Dataset)
    {
        { nameof(TrainLimit), p => p.TrainLimit, ConfigCheck.AllOrMore },
        { nameof(TestLimit), p => p.TestLimit, ConfigCheck.AllOrMore },
        { nameof(Imbalance), p => p.Imbalance, ConfigCheck.BalancedOrMore },
    };

    public static DataPart Parse(AttributeArguments args) => new(
        args.PositionalEnum<DatasetKind>(0),
        args.Int(nameof(TrainLimit)),
        args.Int(nameof(TestLimit)),
        args.Double(nameof(Imbalance)),
        args.Attribute);
}
