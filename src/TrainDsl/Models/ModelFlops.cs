using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainDsl.Models;

/// <summary>
/// Counts a model's forward FLOPs per image analytically, as papers and fvcore count them: 2 per multiply-add of every
/// Conv2d (output elements × in_channels / groups × kh × kw) and Linear (output elements × in_features). Biases,
/// normalisation, activations, pooling and additions are left out: on convolutional nets they are well under 1 % of the
/// multiply-adds. The shapes come from one eval-mode forward of a zero image under no_grad, so the model's weights, BatchNorm
/// statistics and random state are untouched. A training step costs about <see cref="TrainingStepFactor"/>× the forward:
/// backward computes the input and the weight gradients, each as much as the forward.
/// </summary>
public static class ModelFlops
{
    /// <summary>Forward + backward over forward, the usual estimate (the first layer needs no input gradient, so slightly less).</summary>
    public const int TrainingStepFactor = 3;

    /// <summary>Forward FLOPs for one image of <paramref name="channels"/>×<paramref name="height"/>×<paramref name="width"/>.</summary>
    public static long PerImage(nn.Module<Tensor, Tensor> model, int channels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(model);
        long total = 0;
        var removers = new List<Action>();
        foreach (var (_, module) in model.named_modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    var convHook = conv.register_forward_hook((_, _, output) =>
                    {
                        var w = conv.weight!.shape;  // [out, in / groups, kh, kw]
                        total += 2 * output.numel() * w[1] * w[2] * w[3];
                        return output;
                    });
                    removers.Add(convHook.remove);
                    break;
                case Linear linear:
                    var linearHook = linear.register_forward_hook((_, _, output) =>
                    {
                        total += 2 * output.numel() * linear.weight!.shape[1];
                        return output;
                    });
                    removers.Add(linearHook.remove);
                    break;
            }
        }
        bool training = model.training;
        try
        {
            model.eval();
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var dtype = model.parameters().FirstOrDefault()?.dtype ?? ScalarType.Float32;
            model.call(zeros(new long[] { 1, channels, height, width }, dtype));
        }
        finally
        {
            model.train(training);
            foreach (var remove in removers) remove();
        }
        return total;
    }
}
