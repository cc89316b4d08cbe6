// Shared source: compiled into the runtime (namespace TrainDsl) and linked into the generator, which reads
// attribute arguments as numbers. One file, so the two can never disagree; append only, as the numbers are
// what users' compiled attributes hold.
#if TRAINDSL_GENERATOR
namespace TrainDsl.Generators;
#else
namespace TrainDsl;
#endif

/// <summary>A dataset TrainDsl can load without a download from a model hub.</summary>
public enum DatasetKind { FashionMnist = 0, Mnist = 1 }

/// <summary>A built-in model architecture.</summary>
public enum ModelKind { SmallCnn = 0, ResNet18 = 1, ResNet20 = 2, ResNet32 = 3, ResNet56 = 4 }

/// <summary>A classification loss.</summary>
public enum LossKind { CrossEntropy = 0, Focal = 1 }

/// <summary>An optimizer.</summary>
public enum OptimizerKind { Sgd = 0, AdamW = 1 }

/// <summary>A learning-rate schedule.</summary>
public enum ScheduleKind { Constant = 0, Step = 1, MultiStep = 2, Cosine = 3, Plateau = 4 }

/// <summary>How often a schedule advances.</summary>
public enum ScheduleInterval { PerEpoch = 0, PerStep = 1 }

/// <summary>An evaluation metric. <see cref="MetricKind.Loss"/> is the test cross-entropy, always reported; name it to monitor it.</summary>
public enum MetricKind { Accuracy = 0, TopK = 1, MacroF1 = 2, WeightedF1 = 3, BalancedAccuracy = 4, Loss = 5 }

/// <summary>The 16-bit type that <see cref="AmpAttribute"/> runs forward and backward in.</summary>
public enum AmpPrecision { BFloat16 = 0, Float16 = 1 }
