using TorchSharp;
using static TorchSharp.torch;

namespace TrainDsl.Models;

/// <summary>A small conv-BN-ReLU network for 28×28 and 32×32 images.</summary>
public sealed class SmallCnn : nn.Module<Tensor, Tensor>
{
    public SmallCnn(int inChannels, int classes) : base(nameof(SmallCnn)) => throw new NotImplementedException();

    public override Tensor forward(Tensor input) => throw new NotImplementedException();
}
