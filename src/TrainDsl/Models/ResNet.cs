using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainDsl.Models;

/// <summary>
/// ResNets (He et al. 2016) with a 3×3 stride-1 stem and no max-pool, for 28×28 grey and 32×32 colour
/// images. Stages of <see cref="BasicBlock"/>s, global average pooling, one linear layer. Projection
/// (option B) shortcuts wherever the shape changes. Convs are Kaiming-normal (fan_out, ReLU) initialised.
/// Module names follow torchvision (conv1, bn1, layer1.0.conv1, …, fc).
/// </summary>
public sealed class ResNet : nn.Module<Tensor, Tensor>, IResidualNorms
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential? layer4;
    private readonly Linear fc;

    // nn.Module's constructor calls into LibTorch, which only loads once a torch function has run;
    // a model built before any tensor exists would otherwise fail with DllNotFoundException.
    static ResNet() => torch.InitializeDeviceType(DeviceType.CPU);

    private ResNet(string name, int inChannels, int classes, int[] blocksPerStage, int[] widths) : base(name)
    {
        if (inChannels < 1)
            throw new ArgumentOutOfRangeException(nameof(inChannels), inChannels, "A ResNet needs at least 1 input channel (1 for grey, 3 for colour images).");
        if (classes < 2)
            throw new ArgumentOutOfRangeException(nameof(classes), classes, "A classifier needs at least 2 classes.");

        conv1 = nn.Conv2d(inChannels, widths[0], 3, stride: 1, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(widths[0]);
        long inPlanes = widths[0];
        Sequential Stage(int i)
        {
            var blocks = new List<(string, nn.Module<Tensor, Tensor>)>();
            for (int b = 0; b < blocksPerStage[i]; b++)
            {
                long stride = b == 0 && i > 0 ? 2 : 1;
                blocks.Add((b.ToString(System.Globalization.CultureInfo.InvariantCulture), new BasicBlock(inPlanes, widths[i], stride)));
                inPlanes = widths[i];
            }
            return nn.Sequential(blocks);
        }
        layer1 = Stage(0);
        layer2 = Stage(1);
        layer3 = Stage(2);
        layer4 = widths.Length > 3 ? Stage(3) : null;
        fc = nn.Linear(inPlanes, classes);
        RegisterComponents();
        ConvInit.Apply(this);
    }

    /// <summary>ResNet-18 (basic blocks [2,2,2,2], widths 64/128/256/512) with a CIFAR-style stem.</summary>
    public static ResNet ResNet18(int inChannels, int classes) =>
        new(nameof(ResNet18), inChannels, classes, [2, 2, 2, 2], [64, 128, 256, 512]);

    /// <summary>ResNet-20 (3 stages of 3 basic blocks, widths 16/32/64), as in He et al. §4.2.</summary>
    public static ResNet ResNet20(int inChannels, int classes) => Cifar(nameof(ResNet20), 3, inChannels, classes);

    /// <summary>ResNet-32 (3 stages of 5 basic blocks, widths 16/32/64), as in He et al. §4.2.</summary>
    public static ResNet ResNet32(int inChannels, int classes) => Cifar(nameof(ResNet32), 5, inChannels, classes);

    /// <summary>ResNet-56 (3 stages of 9 basic blocks, widths 16/32/64), as in He et al. §4.2.</summary>
    public static ResNet ResNet56(int inChannels, int classes) => Cifar(nameof(ResNet56), 9, inChannels, classes);

    private static ResNet Cifar(string name, int n, int inChannels, int classes) =>
        new(name, inChannels, classes, [n, n, n], [16, 32, 64]);

    /// <summary>The second BatchNorm of every basic block, in order.</summary>
    public IEnumerable<BatchNorm2d> ResidualBranchNorms =>
        new[] { layer1, layer2, layer3, layer4 }
            .OfType<Sequential>()
            .SelectMany(stage => stage.children())
            .Cast<BasicBlock>()
            .Select(block => block.ResidualNorm);

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(bn1.call(conv1.call(input)));
        x = layer1.call(x);
        x = layer2.call(x);
        x = layer3.call(x);
        if (layer4 is not null) x = layer4.call(x);
        x = nn.functional.adaptive_avg_pool2d(x, 1).flatten(1);
        return scope.MoveToOuter(fc.call(x));
    }
}
