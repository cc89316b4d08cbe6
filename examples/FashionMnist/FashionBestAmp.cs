namespace FashionMnistExample;

/// <summary>
/// FashionBest's recipe with mixed precision, for CPUs with bf16 instructions (avx512_bf16 or AMX): bf16 forward and
/// backward on a channels-last copy, fp32 master weights. There a WideCnn step runs about 3× faster than in fp32
/// (bench/results/peak-amd-epyc-avx512bf16.md), so the hour holds 30 epochs instead of 12. The epochs were set by the
/// budget, the rest was chosen on FashionBest's validation split; the test set is only reported. On a CPU without bf16
/// instructions libtorch emulates bf16 and a run takes many hours: train FashionBest there instead.
/// </summary>
[Experiment(Epochs = 30)]
[Amp]
public partial class FashionBestAmp : FashionBest;
