using TorchSharp;
using TrainDsl.Data;
using TrainDsl.Losses;
using TrainDsl.Metrics;
using TrainDsl.Models;
using TrainDsl.Schedules;
using static TorchSharp.torch;

namespace Overhead;

/// <summary>
/// FashionBaseline's recipe as a TorchSharp user would write it without TrainDsl: the same data,
/// model, loss, optimizer, per-step cosine schedule, seed and final evaluation, and a saved model,
/// but no run folder, progress display or typed config.
/// </summary>
internal static class HandWritten
{
    public static double Train(int trainLimit, int testLimit, int epochs, int batchSize, int seed, string checkpoint)
    {
        using var data = IdxDataset.FashionMnist.Load(new DataOptions { TrainLimit = trainLimit, TestLimit = testLimit });
        var train = new BatchLoader(data.Train, batchSize, shuffle: true, dropLast: true, seed: seed);
        var test = new BatchLoader(data.Test, 512, shuffle: false, dropLast: false, seed: seed);

        torch.manual_seed(seed);
        using var model = new SmallCnn(data.Train.Channels, data.Train.Classes);
        var criterion = new CrossEntropyLoss();
        double baseLr = 0.1 * batchSize / 256;
        using var optimizer = optim.SGD(model.parameters(), baseLr, momentum: 0.9, weight_decay: 5e-4, nesterov: true);
        var schedule = new CosineAnnealingLR((long)epochs * train.Count);

        long step = 0;
        double lossSum = 0;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            model.train();
            foreach (var batch in train.Epoch(epoch))
            {
                using var scope = torch.NewDisposeScope();
                batch.AttachTo(scope);
                double lr = schedule.At(step++, baseLr);
                foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
                optimizer.zero_grad();
                var loss = criterion.Forward(model.forward(batch.Images), batch.Labels);
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>();
            }

            model.eval();
            using var noGrad = torch.no_grad();
            using var accuracy = new TopKAccuracy(1);
            foreach (var batch in test.Epoch(0))
            {
                using var scope = torch.NewDisposeScope();
                batch.AttachTo(scope);
                accuracy.Update(model.forward(batch.Images), batch.Labels);
            }
            _ = accuracy.Compute();
        }
        model.save(checkpoint);
        return lossSum / step;
    }
}
