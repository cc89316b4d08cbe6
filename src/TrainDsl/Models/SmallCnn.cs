using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainDsl.Models;

/// <summary>
/// A small VGG-style conv-BN-ReLU network for 28×28 and 32×32 images:
/// [conv3×3(32) ×2, max-pool] → [conv3×3(64) ×2, max-pool] → adaptive avg-pool 7×7 → fc 128 (BN, ReLU) → fc classes.
/// About 0.47 M parameters; trains at about 600 img/s on 2 threads of a Zen 3 EPYC in fp32 and reaches about 93.7 % on
/// Fashion-MNIST in 6 epochs (bench/results/amp-accuracy.md).
/// <para><see cref="WideCnn"/> is the same network at twice the width (64, 128, fc 256; 1.87 M parameters, 149 MFLOP
/// forward per 28×28 image, WRN-16-2's cost). Its head reads the whole 7×7 map rather than a global average, so it keeps
/// where each feature is: on centred, aligned images such as Fashion-MNIST's that beat the wide ResNets at equal
/// compute on the validation split (bench/results/fashion-best-selection.md).</para>
/// </summary>
public sealed class SmallCnn : nn.Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Sequential classifier;

    // nn.Module's constructor calls into LibTorch, which only loads once a torch function has run;
    // a model built before any tensor exists would otherwise fail with DllNotFoundException.
    static SmallCnn() => torch.InitializeDeviceType(DeviceType.CPU);

    public SmallCnn(int inChannels, int classes) : this(nameof(SmallCnn), inChannels, classes, 1) { }

    private SmallCnn(string name, int inChannels, int classes, int widen) : base(name)
    {
        if (inChannels < 1)
            throw new ArgumentOutOfRangeException(nameof(inChannels), inChannels, $"{name} needs at least 1 input channel (1 for grey, 3 for colour images).");
        if (classes < 2)
            throw new ArgumentOutOfRangeException(nameof(classes), classes, "A classifier needs at least 2 classes.");

        long a = 32L * widen, b = 64L * widen, hidden = 128L * widen;
        features = nn.Sequential(
            ("0", nn.Conv2d(inChannels, a, 3, padding: 1, bias: false)), ("1", nn.BatchNorm2d(a)), ("2", nn.ReLU(inplace: true)),
            ("3", nn.Conv2d(a, a, 3, padding: 1, bias: false)), ("4", nn.BatchNorm2d(a)), ("5", nn.ReLU(inplace: true)),
            ("6", nn.MaxPool2d(2)),
            ("7", nn.Conv2d(a, b, 3, padding: 1, bias: false)), ("8", nn.BatchNorm2d(b)), ("9", nn.ReLU(inplace: true)),
            ("10", nn.Conv2d(b, b, 3, padding: 1, bias: false)), ("11", nn.BatchNorm2d(b)), ("12", nn.ReLU(inplace: true)),
            ("13", nn.MaxPool2d(2)),
            // Identity for 28×28 inputs (7×7 maps); makes 32×32 (8×8 maps) fit the same classifier.
            ("14", nn.AdaptiveAvgPool2d(7)));
        classifier = nn.Sequential(
            ("0", nn.Linear(b * 7 * 7, hidden, hasBias: false)), ("1", nn.BatchNorm1d(hidden)), ("2", nn.ReLU(inplace: true)),
            ("3", nn.Linear(hidden, classes)));
        RegisterComponents();
        ConvInit.Apply(this);
    }

    /// <summary>SmallCnn at twice the width: convs of 64 and 128 channels, a 256-unit hidden layer (the built-in <c>WideCnn</c>).</summary>
    public static SmallCnn WideCnn(int inChannels, int classes) => new(nameof(WideCnn), inChannels, classes, 2);

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = features.call(input).flatten(1);
        return scope.MoveToOuter(classifier.call(x));
    }
}
