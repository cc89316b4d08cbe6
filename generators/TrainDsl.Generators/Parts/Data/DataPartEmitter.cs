using System;
using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Data;

/// <summary>[Data]: which dataset is loaded, how much of it, its long tail, and the loaders over it.</summary>
internal sealed class DataPartEmitter(ResolvedExperiment experiment) : PartEmitter
{
    /// <summary>The runtime class that loads the dataset.</summary>
    public string DatasetClass => experiment.Dataset == DatasetKind.Mnist ? "IdxDataset.Mnist" : "IdxDataset.FashionMnist";

    /// <summary>The dataset's name in plans and comments.</summary>
    public string DatasetName => experiment.Dataset == DatasetKind.Mnist ? "MNIST" : "Fashion-MNIST";

    private bool IsLongTailed => experiment.Imbalance is not null;

    /// <summary>
    /// Whether the training set can be imbalanced enough to mislead accuracy: the built-in sets are balanced (MNIST's
    /// largest class is 1.24 times its smallest, far below ClassBalance.Threshold), so only a declared long tail can.
    /// </summary>
    public static bool MayBeImbalanced(ResolvedExperiment experiment) => experiment.Imbalance is not null;

    public override IEnumerable<string> Usings => IsLongTailed ? ["System.Linq"] : [];

    public override IEnumerable<ConfigProperty> ConfigProperties
    {
        get
        {
            yield return ConfigProperty.Limit("TrainLimit", experiment.TrainLimit, "Use only the first N training images, stratified; 0 uses all.");
            yield return ConfigProperty.Limit("TestLimit", experiment.TestLimit, "Use only the first N test images, stratified; 0 uses all.");
            if (experiment.Imbalance is { } imbalance)
            {
                yield return new ConfigProperty("Imbalance", "double", CSharpLiteral.Double(imbalance),
                    "Long-tailed training set: n_max / n_min of the class sizes (Cui et al. 2019); 1 keeps it balanced.", "ConfigCheck.BalancedOrMore");
            }
        }
    }

    public override void ContributePlan(PlanBuilder plan)
    {
        plan.Dataset.Text(DatasetName);
        plan.DataSource = DatasetClass + ".SourceFor(DataOptionsFor(config, settings))";
        if (!IsLongTailed)
        {
            plan.TrainSize.Add("int trainSize = " + DatasetClass + ".TrainSizeFor(DataOptionsFor(config, settings));");
            return;
        }
        plan.TrainSize.Add("var classSizes = LongTailClassSizes(" + DatasetClass + ".TrainSizeFor(DataOptionsFor(config, settings)), config.Imbalance);");
        plan.TrainSize.Add("int trainSize = (int)classSizes.Sum();");
        plan.Dataset.Text(", long-tailed (imbalance ").Hole("config.Imbalance").Text(")");
        if (MetricsPartEmitter.AdvisesOnClassBalance(experiment)) plan.Notes.Add(".. ClassBalanceNotes(classSizes)");
    }

    /// <summary>Train: loads the data (long-tailing the training set when declared) and creates the loaders.</summary>
    public void WriteLoad(SourceWriter writer)
    {
        if (IsLongTailed)
        {
            writer.Line("var loaded = " + DatasetClass + ".Load(DataOptionsFor(config, settings));");
            writer.Line("// The long-tailed training set replaces the balanced one, which is freed at once; the test set stays balanced.");
            writer.Line("using var data = loaded with { Train = LongTail.Apply(loaded.Train, config.Imbalance) };");
            writer.Line("loaded.Train.Dispose();");
        }
        else
        {
            writer.Line("using var data = " + DatasetClass + ".Load(DataOptionsFor(config, settings));");
        }
        writer.Line("var train = new BatchLoader(data.Train, config.BatchSize, shuffle: true, dropLast: true, seed: config.Seed);");
        writer.Line("var test = new BatchLoader(data.Test, EvalBatchSize, shuffle: false, dropLast: false);");
    }

    public override IEnumerable<Action<SourceWriter>> Helpers => IsLongTailed ? [WriteDataOptions, WriteLongTailClassSizes] : [WriteDataOptions];

    private static void WriteDataOptions(SourceWriter writer)
    {
        writer.Line("private static DataOptions DataOptionsFor(Config config, RunSettings settings) => new()");
        writer.OpenBrace();
        writer.Line("Root = settings.DataRoot,");
        writer.Line("TrainLimit = config.TrainLimit,");
        writer.Line("TestLimit = config.TestLimit,");
        writer.Line("Log = settings.Log,");
        writer.CloseBrace(";");
    }

    private void WriteLongTailClassSizes(SourceWriter writer)
    {
        var balance = experiment.Dataset == DatasetKind.Mnist
            ? "an estimate for MNIST, whose classes differ by up to a fifth"
            : "exact for Fashion-MNIST's balanced classes";
        writer.Line("/// <summary>");
        writer.Line("/// Training images per class after <see cref=\"LongTail.Apply\"/>, without loading pixels: the limit leaves each of the C classes");
        writer.Line("/// ⌊N/C⌋ or ⌈N/C⌉ of the N images (" + balance + "), and class c keeps at most");
        writer.Line("/// ⌊n_max · ρ^(−c/(C−1))⌋ of them (Cui et al. 2019).");
        writer.Line("/// </summary>");
        writer.Line("private static long[] LongTailClassSizes(int balancedSize, double imbalance)");
        writer.OpenBrace();
        writer.Line("int classes = " + DatasetClass + ".ClassNames.Count;");
        writer.Line("var sizes = LongTail.ClassSizes((balancedSize + classes - 1) / classes, classes, imbalance);");
        writer.Line("for (int c = 0; c < classes; c++)");
        writer.Line("    sizes[c] = Math.Min(sizes[c], balancedSize / classes + (c < balancedSize % classes ? 1 : 0));");
        writer.Line("return sizes;");
        writer.CloseBrace();
    }
}
