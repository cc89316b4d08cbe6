using System.Globalization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainDsl.Models;

/// <summary>
/// Wide residual networks, WRN-d-k (Zagoruyko &amp; Komodakis 2016, Table 1): a 3×3 conv to 16 channels, three stages of
/// n = (d − 4) / 6 <see cref="WideBasicBlock"/>s of widths 16k, 32k and 64k (strides 1, 2, 2), then BN, ReLU, global
/// average pooling and one linear layer. Convs are Kaiming-normal (fan_out, ReLU) initialised, BN γ = 1, β = 0.
/// Module names follow torchvision's ResNet where they can (conv1, layer1.0.conv1, …, fc; the final norm is bn), and
/// tests/references/wide_resnet.py defines the same network in PyTorch with the same state-dict keys.
/// <para>Forward FLOPs per image below count 2 per multiply-add of the convs and the linear layer (BN, ReLU and the
/// additions excluded); a training step costs about 3× that. Parameter counts are for 10 classes and include BN.
/// What fits an hour on Fashion-MNIST: one epoch of its 60,000 training images costs 3 × 60,000 × the forward FLOPs,
/// 28 TFLOP for WRN-16-2, 108 for WRN-16-4, 358 for WRN-40-4, 427 for WRN-16-8 and 1,445 for WRN-28-10. At a sustained
/// 100 GFLOP/s (an estimate for 2 cores; bench/peak measures it) that is 4.6, 18, 60, 71 and 241 minutes an epoch, so
/// only WRN-16-2 (about 12 epochs) and WRN-16-4 (about 3) train for several epochs within the hour.</para>
/// <para><b>Zero-γ does not apply.</b> A pre-activation branch ends with a convolution, not a BatchNorm. Zeroing its
/// inner bn2's γ would make the branch start at zero too, but ReLU's gradient at 0 is 0, so bn2's γ and β and conv2's
/// weights would get no gradient and the branch would stay dead. (timm's pre-activation ResNets zero the last conv's
/// weights instead, a different trick.) So this class does not implement <see cref="IResidualNorms"/>, and
/// <c>[ZeroGamma]</c> on a WRN is flagged (TD0014).</para>
/// </summary>
public sealed class WideResNet : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly BatchNorm2d bn;
    private readonly Linear fc;

    // nn.Module's constructor calls into LibTorch, which only loads once a torch function has run;
    // a model built before any tensor exists would otherwise fail with DllNotFoundException.
    static WideResNet() => torch.InitializeDeviceType(DeviceType.CPU);

    private WideResNet(string name, int depth, int widen, int inChannels, int classes, double dropout, int stemStride) : base(name)
    {
        if (depth < 10 || (depth - 4) % 6 != 0)
            throw new ArgumentOutOfRangeException(nameof(depth), depth, "A WRN's depth is 6n + 4 with n ≥ 1 blocks per stage: 10, 16, 22, 28, 40, ….");
        if (widen < 1)
            throw new ArgumentOutOfRangeException(nameof(widen), widen, "A WRN's widening factor k is at least 1 (k = 1 is the thin pre-activation ResNet).");
        if (inChannels < 1)
            throw new ArgumentOutOfRangeException(nameof(inChannels), inChannels, "A WRN needs at least 1 input channel (1 for grey, 3 for colour images).");
        if (classes < 2)
            throw new ArgumentOutOfRangeException(nameof(classes), classes, "A classifier needs at least 2 classes.");
        if (!(dropout >= 0 && dropout < 1))
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Dropout is a probability in [0, 1); the paper uses 0.3 on CIFAR.");
        if (stemStride is not (1 or 2))
            throw new ArgumentOutOfRangeException(nameof(stemStride), stemStride, "A WRN's stem conv has stride 1 (the paper's, first stage at full resolution) or 2 (first stage at half resolution).");

        Depth = depth;
        WidenFactor = widen;
        StemStride = stemStride;
        int n = (depth - 4) / 6;
        conv1 = nn.Conv2d(inChannels, 16, 3, stride: stemStride, padding: 1, bias: false);
        long inPlanes = 16;
        Sequential Stage(long planes, long stride)
        {
            var blocks = new List<(string, nn.Module<Tensor, Tensor>)>();
            for (int b = 0; b < n; b++)
            {
                blocks.Add((b.ToString(CultureInfo.InvariantCulture), new WideBasicBlock(inPlanes, planes, b == 0 ? stride : 1, dropout)));
                inPlanes = planes;
            }
            return nn.Sequential(blocks);
        }
        layer1 = Stage(16L * widen, 1);
        layer2 = Stage(32L * widen, 2);
        layer3 = Stage(64L * widen, 2);
        bn = nn.BatchNorm2d(inPlanes);
        fc = nn.Linear(inPlanes, classes);
        RegisterComponents();
        ConvInit.Apply(this);
    }

    /// <summary>d in WRN-d-k: 6n + 4 weighted layers.</summary>
    public int Depth { get; }

    /// <summary>k in WRN-d-k: the stages are 16k, 32k and 64k channels wide.</summary>
    public int WidenFactor { get; }

    /// <summary>The stem conv's stride: 1 in the paper; 2 runs every stage at half the resolution, a quarter of the FLOPs.</summary>
    public int StemStride { get; }

    /// <summary>
    /// WRN-<paramref name="depth"/>-<paramref name="widenFactor"/> with <paramref name="dropout"/> between each block's convs
    /// (0: none, as the built-in names have). For <c>[Model(nameof(CreateNet))]</c>:
    /// <c>static WideResNet CreateNet(int inChannels, int classes) => WideResNet.Create(28, 10, inChannels, classes, dropout: 0.3);</c>
    /// </summary>
    public static WideResNet Create(int depth, int widenFactor, int inChannels, int classes, double dropout = 0, int stemStride = 1) =>
        new(stemStride == 1
                ? string.Create(CultureInfo.InvariantCulture, $"Wrn{depth}x{widenFactor}")
                : string.Create(CultureInfo.InvariantCulture, $"Wrn{depth}x{widenFactor}s{stemStride}"),
            depth, widenFactor, inChannels, classes, dropout, stemStride);

    /// <summary>WRN-16-2: 0.69 M parameters; 154 MFLOP forward per 28×28 grey image, 202 MFLOP per 32×32 colour one.</summary>
    public static WideResNet Wrn16x2(int inChannels, int classes) => Create(16, 2, inChannels, classes);

    /// <summary>WRN-16-4: 2.75 M parameters (the paper's 2.7 M); 601 MFLOP forward per 28×28 grey image, 785 MFLOP per 32×32 colour one.</summary>
    public static WideResNet Wrn16x4(int inChannels, int classes) => Create(16, 4, inChannels, classes);

    /// <summary>WRN-16-8: 10.96 M parameters (the paper's 11.0 M); 2.37 GFLOP forward per 28×28 grey image, 3.10 GFLOP per 32×32 colour one.</summary>
    public static WideResNet Wrn16x8(int inChannels, int classes) => Create(16, 8, inChannels, classes);

    /// <summary>WRN-28-10: 36.48 M parameters (the paper's 36.5 M); 8.03 GFLOP forward per 28×28 grey image, 10.5 GFLOP per 32×32 colour one.</summary>
    public static WideResNet Wrn28x10(int inChannels, int classes) => Create(28, 10, inChannels, classes);

    /// <summary>WRN-40-4: 8.95 M parameters (the paper's 8.9 M); 1.99 GFLOP forward per 28×28 grey image, 2.60 GFLOP per 32×32 colour one.</summary>
    public static WideResNet Wrn40x4(int inChannels, int classes) => Create(40, 4, inChannels, classes);

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = conv1.call(input);
        x = layer1.call(x);
        x = layer2.call(x);
        x = layer3.call(x);
        x = bn.call(x).relu_();
        x = nn.functional.adaptive_avg_pool2d(x, 1).flatten(1);
        return scope.MoveToOuter(fc.call(x));
    }
}
