using static TorchSharp.torch;

namespace TrainDsl.Optim;

/// <summary>Small operations on TorchSharp optimizers that the generated loop needs.</summary>
public static class OptimizerExtensions
{
    /// <summary>Sets every parameter group's learning rate.</summary>
    public static void SetLearningRate(this optim.Optimizer optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
    }
}
