using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainDsl.Models;

/// <summary>
/// ResNet basic block (He et al. 2016, Fig. 2 left): relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)).
/// When the shape changes the shortcut is a 1×1 strided conv + BN projection (the paper's option B).
/// Field names follow torchvision so state dicts line up.
/// </summary>
public sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? downsample;

    // nn.Module's constructor calls into LibTorch, which only loads once a torch function has run;
    // a model built before any tensor exists would otherwise fail with DllNotFoundException.
    static BasicBlock() => torch.InitializeDeviceType(DeviceType.CPU);

    public BasicBlock(long inPlanes, long planes, long stride) : base(nameof(BasicBlock))
    {
        conv1 = nn.Conv2d(inPlanes, planes, 3, stride: stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(planes);
        conv2 = nn.Conv2d(planes, planes, 3, stride: 1, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(planes);
        if (stride != 1 || inPlanes != planes)
            downsample = nn.Sequential(
                ("0", nn.Conv2d(inPlanes, planes, 1, stride: stride, bias: false)),
                ("1", nn.BatchNorm2d(planes)));
        RegisterComponents();
    }

    /// <summary>The BatchNorm that closes the residual branch (zero its γ to start as the identity).</summary>
    public BatchNorm2d ResidualNorm => bn2;

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var branch = nn.functional.relu(bn1.call(conv1.call(x)));
        branch = bn2.call(conv2.call(branch));
        var shortcut = downsample is null ? x : downsample.call(x);
        return scope.MoveToOuter(nn.functional.relu(branch.add_(shortcut)));
    }
}
