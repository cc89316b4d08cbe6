namespace TrainDsl.Generators.Model;

// Copies of the runtime's enums (src/TrainDsl/Attributes/RecipeKinds.cs). The generator does not
// reference the runtime, so attribute arguments arrive as numbers; a test checks these copies
// against the runtime's names and values.

internal enum DatasetKind { FashionMnist = 0, Mnist = 1 }

internal enum ModelKind { SmallCnn = 0, ResNet18 = 1, ResNet20 = 2, ResNet32 = 3, ResNet56 = 4 }

internal enum LossKind { CrossEntropy = 0, Focal = 1 }

internal enum OptimizerKind { Sgd = 0, AdamW = 1 }

internal enum ScheduleKind { Constant = 0, Step = 1, MultiStep = 2, Cosine = 3, Plateau = 4 }

internal enum ScheduleInterval { PerEpoch = 0, PerStep = 1 }

internal enum MetricKind { Accuracy = 0, TopK = 1, MacroF1 = 2, WeightedF1 = 3, BalancedAccuracy = 4, Loss = 5 }

internal enum AmpPrecision { BFloat16 = 0, Float16 = 1 }
