using TorchSharp;
using TrainDsl.Augment;
using TrainDsl.Data;
using TrainDsl.Losses;
using TrainDsl.Metrics;
using TrainDsl.Mixing;
using TrainDsl.Models;
using TrainDsl.Optim;
using TrainDsl.Schedules;
using static TorchSharp.torch;

namespace Overhead;

/// <summary>
/// FashionFullRecipe as a TorchSharp user would write it with the same building blocks but without
/// the generator: ResNet-20 with zero-γ, padded random crop and flip, MixUp or CutMix with label
/// smoothing into soft-target cross-entropy, SGD without decay on biases and norms, linear warmup
/// then a per-step cosine, accuracy and macro-F1 after every epoch, best and final weights saved.
/// The seeds and offsets are the generated code's, so both sides draw the same numbers.
/// </summary>
internal static class HandWrittenFull
{
    public static double Train(int trainLimit, int testLimit, int epochs, int batchSize, int seed, string folder)
    {
        using var data = IdxDataset.FashionMnist.Load(new DataOptions { TrainLimit = trainLimit, TestLimit = testLimit });
        var train = new BatchLoader(data.Train, batchSize, shuffle: true, dropLast: true, seed: seed);
        var test = new BatchLoader(data.Test, 512, shuffle: false, dropLast: false, seed: seed);

        torch.manual_seed(seed);
        using var model = ResNet.ResNet20(data.Train.Channels, data.Train.Classes);
        ZeroGamma.Apply(model);
        using var crop = new RandomCrop(2, seed: seed + 1_000_000, fill: -data.Train.Mean[0] / data.Train.Std[0]);
        using var flip = new RandomHorizontalFlip(0.5, seed: seed + 2_000_000);
        using var mixing = new MixingPolicy([new MixUp(0.2), new CutMix(1.0)], data.Train.Classes,
            labelSmoothing: 0.1, seed: seed + 3_000_000);
        var criterion = new SoftTargetCrossEntropy();
        double baseLr = 0.1 * batchSize / 256;
        using var optimizer = optim.SGD(NoBiasDecay.SgdGroups(model, 5e-4), baseLr, momentum: 0.9, nesterov: true);
        long stepsPerEpoch = train.Count;
        var schedule = new LinearWarmup(new CosineAnnealingLR(epochs * stepsPerEpoch - stepsPerEpoch, 0),
            warmup: stepsPerEpoch, startFactor: 0.1, restartInner: true);
        using var confusion = new ConfusionMatrix(data.Test.Classes, data.Test.ClassNames);
        var evalCriterion = new CrossEntropyLoss();

        long step = 0;
        double lossSum = 0, best = double.NegativeInfinity;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            model.train();
            foreach (var batch in train.Epoch(epoch))
            {
                using var scope = torch.NewDisposeScope();
                batch.AttachTo(scope);
                double lr = schedule.At(step++, baseLr);
                foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
                var mixed = mixing.Mix(flip.Apply(crop.Apply(batch.Images)), batch.Labels);
                optimizer.zero_grad();
                var loss = criterion.Forward(model.forward(mixed.Images), mixed.Targets);
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>();
            }

            model.eval();
            using (torch.no_grad())
            using (var accuracy = new TopKAccuracy(1))
            {
                confusion.Reset();
                double testLoss = 0;
                foreach (var batch in test.Epoch(0))
                {
                    using var scope = torch.NewDisposeScope();
                    batch.AttachTo(scope);
                    var logits = model.forward(batch.Images);
                    testLoss += evalCriterion.Forward(logits, batch.Labels).item<float>() * batch.Size;
                    accuracy.Update(logits, batch.Labels);
                    confusion.Update(logits, batch.Labels);
                }
                _ = accuracy.Compute();
            }
            if (confusion.MacroF1 > best)
            {
                best = confusion.MacroF1;
                model.save(Path.Combine(folder, "hand-full-best.bin"));
            }
        }
        model.save(Path.Combine(folder, "hand-full.bin"));
        return lossSum / step;
    }
}
