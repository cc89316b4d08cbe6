using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainDsl.Models;

/// <summary>
/// The wide basic block of Zagoruyko &amp; Komodakis 2016 (§2, "B(3,3)"), pre-activation as in He et al. 2016b:
/// <c>conv2(dropout(relu(bn2(conv1(relu(bn1(x))))))) + shortcut</c>. The shortcut is x itself, or a 1×1 strided conv
/// (no BN) of the pre-activated input relu(bn1(x)) wherever the width or the resolution changes, as in the authors' code.
/// Dropout, when p &gt; 0, sits between the two convolutions (the paper's §2.4).
/// Field names (bn1, conv1, bn2, conv2, downsample) give the state-dict keys of tests/references/wide_resnet.py.
/// </summary>
public sealed class WideBasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn2;
    private readonly Dropout? dropout;
    private readonly Conv2d conv2;
    private readonly Conv2d? downsample;

    // nn.Module's constructor calls into LibTorch, which only loads once a torch function has run;
    // a model built before any tensor exists would otherwise fail with DllNotFoundException.
    static WideBasicBlock() => torch.InitializeDeviceType(DeviceType.CPU);

    public WideBasicBlock(long inPlanes, long planes, long stride, double dropout = 0) : base(nameof(WideBasicBlock))
    {
        bn1 = nn.BatchNorm2d(inPlanes);
        conv1 = nn.Conv2d(inPlanes, planes, 3, stride: stride, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(planes);
        if (dropout > 0) this.dropout = nn.Dropout(dropout);
        conv2 = nn.Conv2d(planes, planes, 3, stride: 1, padding: 1, bias: false);
        if (stride != 1 || inPlanes != planes)
            downsample = nn.Conv2d(inPlanes, planes, 1, stride: stride, bias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        // relu_ on a BatchNorm's fresh output is safe for autograd: BN's backward reads its input, not its output.
        var activated = bn1.call(x).relu_();
        var branch = bn2.call(conv1.call(activated)).relu_();
        if (dropout is not null) branch = dropout.call(branch);
        branch = conv2.call(branch);
        var shortcut = downsample is null ? x : downsample.call(activated);
        return scope.MoveToOuter(branch.add_(shortcut));
    }
}
