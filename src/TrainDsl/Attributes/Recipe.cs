namespace TrainDsl;

/// <summary>
/// The recipe's vocabulary as constants, so a declaration reads <c>[Loss(Focal, Gamma = 2)]</c>.
/// The package imports this class with <c>using static</c> in every project that references it.
/// </summary>
public static class Recipe
{
    public const DatasetKind FashionMnist = DatasetKind.FashionMnist;
    public const DatasetKind Mnist = DatasetKind.Mnist;

    public const ModelKind SmallCnn = ModelKind.SmallCnn;
    public const ModelKind ResNet18 = ModelKind.ResNet18;
    public const ModelKind ResNet20 = ModelKind.ResNet20;
    public const ModelKind ResNet32 = ModelKind.ResNet32;
    public const ModelKind ResNet56 = ModelKind.ResNet56;

    public const LossKind CrossEntropy = LossKind.CrossEntropy;
    public const LossKind Focal = LossKind.Focal;

    public const OptimizerKind Sgd = OptimizerKind.Sgd;
    public const OptimizerKind AdamW = OptimizerKind.AdamW;

    public const ScheduleKind Constant = ScheduleKind.Constant;
    public const ScheduleKind Step = ScheduleKind.Step;
    public const ScheduleKind MultiStep = ScheduleKind.MultiStep;
    public const ScheduleKind Cosine = ScheduleKind.Cosine;
    public const ScheduleKind Plateau = ScheduleKind.Plateau;

    public const ScheduleInterval PerEpoch = ScheduleInterval.PerEpoch;
    public const ScheduleInterval PerStep = ScheduleInterval.PerStep;

    public const MetricKind Accuracy = MetricKind.Accuracy;
    public const MetricKind TopK = MetricKind.TopK;
    public const MetricKind MacroF1 = MetricKind.MacroF1;
    public const MetricKind WeightedF1 = MetricKind.WeightedF1;
    public const MetricKind BalancedAccuracy = MetricKind.BalancedAccuracy;
    public const MetricKind Loss = MetricKind.Loss;

    public const AmpPrecision BFloat16 = AmpPrecision.BFloat16;
    public const AmpPrecision Float16 = AmpPrecision.Float16;
}
