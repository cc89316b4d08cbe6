using TorchSharp;
using static TorchSharp.torch;

namespace TrainDsl.Models;

/// <summary>ResNets (He et al. 2016) with a 3×3 stem for 28×28 grey and 32×32 colour images.</summary>
public sealed class ResNet : nn.Module<Tensor, Tensor>
{
    private ResNet(string name) : base(name) => throw new NotImplementedException();

    /// <summary>ResNet-18 (basic blocks [2,2,2,2], widths 64…512) with a CIFAR-style stem.</summary>
    public static ResNet ResNet18(int inChannels, int classes) => throw new NotImplementedException();
    /// <summary>ResNet-20 (3 stages of 3 basic blocks, widths 16/32/64), as in He et al. §4.2.</summary>
    public static ResNet ResNet20(int inChannels, int classes) => throw new NotImplementedException();
    public static ResNet ResNet32(int inChannels, int classes) => throw new NotImplementedException();
    public static ResNet ResNet56(int inChannels, int classes) => throw new NotImplementedException();

    public override Tensor forward(Tensor input) => throw new NotImplementedException();
}
