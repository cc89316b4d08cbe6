namespace TrainDsl.EndToEnd.Tests;

// Mixed-precision experiments, trained on a slice of Fashion-MNIST by AmpTests.

/// <summary>bf16 [Amp] with parts it must work with: MixUp, no-bias-decay groups, warmup then cosine, 16-bit evaluation.</summary>
[Experiment(Epochs = 2, BatchSize = 64, Seed = 6)]
[Data(FashionMnist, TrainLimit = 1920, TestLimit = 500)]
[Model(SmallCnn)]
[MixUp(Alpha = 0.2)]
[Optimizer(Sgd, Nesterov = true)]
[NoBiasDecay]
[Schedule(Cosine, WarmupEpochs = 1)]
[Amp(LowPrecisionEval = true)]
public partial class AmpRun;

/// <summary>AmpRun's recipe in fp32.</summary>
[Experiment(Epochs = 2, BatchSize = 64, Seed = 6)]
[Data(FashionMnist, TrainLimit = 1920, TestLimit = 500)]
[Model(SmallCnn)]
[MixUp(Alpha = 0.2)]
[Optimizer(Sgd, Nesterov = true)]
[NoBiasDecay]
[Schedule(Cosine, WarmupEpochs = 1)]
public partial class AmpRunFp32;

// fp16 on this CPU-only build is what TD0025 warns about; the test wants the loss scaler exercised anyway.
#pragma warning disable TD0025
/// <summary>fp16 with dynamic loss scaling.</summary>
[Experiment(Epochs = 1, BatchSize = 64, Seed = 7)]
[Data(FashionMnist, TrainLimit = 640, TestLimit = 200)]
[Model(SmallCnn)]
[Optimizer(Sgd)]
[Amp(Float16)]
public partial class AmpFp16Run;
#pragma warning restore TD0025

/// <summary>A bf16 student of DistillTeacher's newest run; the teacher runs in bf16 too.</summary>
[Experiment(Epochs = 2, BatchSize = 64, Seed = 8)]
[Data(FashionMnist, TrainLimit = 960, TestLimit = 500)]
[Model(SmallCnn)]
[Distill(typeof(DistillTeacher), Temperature = 4, Alpha = 0.5)]
[Optimizer(Sgd)]
[Amp]
public partial class AmpDistillStudent;
