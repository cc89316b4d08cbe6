using TrainDsl.Data;
using static TorchSharp.torch;

namespace TrainDsl.Models;

/// <summary>
/// Checks a model of the user's against the data before the first step, so a mistake is one sentence instead of a
/// libtorch error deep in the first step or, worse, a run that trains nothing: the model must have parameters, take
/// one training image and give one score per class. It runs in eval mode under no_grad, so it changes no weight,
/// no BatchNorm statistic and no random state: the run that follows is the one it would have been.
/// </summary>
public static class ModelCheck
{
    /// <param name="model">The model as created for the run.</param>
    /// <param name="data">The training set it will see.</param>
    /// <param name="name">How the declaration names the model, e.g. "MyNet" or "CreateNet()".</param>
    public static void FitsData(nn.Module<Tensor, Tensor> model, ImageDataset data, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (!model.parameters().Any())
            throw new TrainDslException(
                $"The model {name} has no parameters to train; register its layers (call RegisterComponents() at the end of its constructor, or keep them in fields of module types).");

        var shape = $"{data.Channels}×{data.Height}×{data.Width}";
        bool training = model.training;
        Tensor output;
        using var scope = NewDisposeScope();
        try
        {
            model.eval();
            using var noGrad = no_grad();
            var image = data.Images.narrow(0, 0, 1).to(ScalarType.Float32);
            output = model.forward(image);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var reason = e.Message.Split('\n', 2)[0].Trim();
            throw new TrainDslException(
                $"The model {name} fails on one {shape} training image ({reason}); it is created with (inChannels: {data.Channels}, classes: {data.Classes}): check the constructor's parameter order and that its layers fit {data.Height}×{data.Width} images.");
        }
        finally
        {
            model.train(training);
        }
        if (output.ndim != 2 || output.shape[0] != 1 || output.shape[1] != data.Classes)
            throw new TrainDslException(
                $"The model {name} gives an output shaped [{string.Join(", ", output.shape)}] for one image, but the data has {data.Classes} classes; its last layer must give [batch, {data.Classes}] scores.");
    }
}
