using TorchSharp;
using static TorchSharp.torch;

namespace TrainDsl.EndToEnd.Tests;

// Experiments that export-torch refuses or exports with a stand-in, exported by ExportTorchTests.

/// <summary>A user's network: one linear layer over the pixels, which export-torch cannot translate.</summary>
public sealed class PixelLinear : nn.Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Linear fc;

    public PixelLinear(int inChannels, int classes) : base(nameof(PixelLinear))
    {
        fc = nn.Linear(inChannels * 28 * 28, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => fc.call(input.flatten(1));
}

/// <summary>Fashion-MNIST on the user's <see cref="PixelLinear"/>.</summary>
[Experiment(Epochs = 1, BatchSize = 64, Seed = 2)]
[Data(FashionMnist)]
[Model(typeof(PixelLinear))]
[Optimizer(Sgd)]
public partial class UserModelExport;
