using TrainDsl.Data;
using TrainDsl.Metrics;
using TrainDsl.Models;
using TrainDsl.Precision;
using TrainDsl.Tests.Data;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Precision;

/// <summary>bf16 mixed-precision training of SmallCnn on a slice of the real Fashion-MNIST.</summary>
public class Bf16TrainingTests(ITestOutputHelper output)
{
    [Fact]
    public void Bf16TrainingConvergesOnFashionMnist()
    {
        using var data = IdxDataset.FashionMnist.Load(SharedData.Options with { TrainLimit = 3000, TestLimit = 1000 });
        var train = new BatchLoader(data.Train, 64, shuffle: true, dropLast: true, seed: 1);
        var test = new BatchLoader(data.Test, 500, shuffle: false, dropLast: false, seed: 1);

        using var model = new SmallCnn(1, 10);
        using var amp = new MixedPrecision(model, () => new SmallCnn(1, 10), AmpPrecision.BFloat16);
        using var optimizer = optim.SGD(model.parameters(), 0.05, momentum: 0.9, weight_decay: 5e-4, nesterov: true);

        const int Steps = 100, Window = 20;
        var losses = new List<double>();
        model.train();
        for (int epoch = 0; losses.Count < Steps; epoch++)
            foreach (var batch in train.Epoch(epoch))
            {
                using var scope = NewDisposeScope();
                batch.AttachTo(scope);
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(amp.Forward(batch.Images), batch.Labels);
                amp.Backward(loss);
                Assert.True(amp.Step(optimizer));
                losses.Add(loss.item<float>());
                if (losses.Count == Steps) break;
            }

        double first = losses.Take(Window).Average(), last = losses.TakeLast(Window).Average();
        double fp32Accuracy = Accuracy(model, test), bf16Accuracy = Accuracy(amp.ForEvaluation(), test);
        output.WriteLine($"mean loss: first {Window} steps {first:F3}, last {Window} {last:F3}; test accuracy fp32 eval {fp32Accuracy:P1}, bf16 eval {bf16Accuracy:P1}");

        // ln(10) is the loss of a uniform guess over the 10 classes.
        Assert.True(last < Math.Log(10) / 2, $"the loss only fell to {last:F3}");
        Assert.True(fp32Accuracy > 0.7, $"test accuracy {fp32Accuracy:P1}");
        Assert.True(bf16Accuracy > 0.7, $"16-bit test accuracy {bf16Accuracy:P1}");
    }

    static double Accuracy(nn.Module<Tensor, Tensor> model, BatchLoader test)
    {
        model.eval();
        using var noGrad = no_grad();
        var accuracy = new TopKAccuracy(k: 1);
        foreach (var batch in test.Epoch(0))
        {
            using var scope = NewDisposeScope();
            batch.AttachTo(scope);
            accuracy.Update(model.call(batch.Images), batch.Labels);
        }
        return accuracy.Compute();
    }
}
