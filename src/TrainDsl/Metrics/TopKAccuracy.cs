using static TorchSharp.torch;

namespace TrainDsl.Metrics;

/// <summary>Fraction of samples whose label is among the k highest logits (k = 1 is accuracy).</summary>
public sealed class TopKAccuracy(int k = 1)
{
    public int K { get; } = k;

    public void Update(Tensor logits, Tensor labels) => throw new NotImplementedException();
    public double Compute() => throw new NotImplementedException();
    public void Reset() => throw new NotImplementedException();
}
