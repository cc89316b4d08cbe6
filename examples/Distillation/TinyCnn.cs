using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Distillation;

/// <summary>
/// The student: two narrow conv layers and a linear classifier, about 12 k parameters
/// (ResNet-20 has about 270 k), a user model as any TorchSharp module.
/// </summary>
public sealed class TinyCnn : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    public TinyCnn(int inChannels, int classes) : base(nameof(TinyCnn))
    {
        layers = nn.Sequential(
            nn.Conv2d(inChannels, 8, 3, padding: 1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding: 1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
            nn.AdaptiveAvgPool2d(4), nn.Flatten(),
            nn.Linear(16 * 4 * 4, classes));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => layers.call(input);
}
