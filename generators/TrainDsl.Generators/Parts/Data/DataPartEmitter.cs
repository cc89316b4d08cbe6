using System;
using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Data;

/// <summary>
/// [Data]: the source every method loads through (CreateDataSource, an IDataSource: a built-in dataset or the user's
/// type), how much of it, its long tail, and the loaders over it.
/// </summary>
internal sealed class DataPartEmitter(ResolvedExperiment experiment) : PartEmitter
{
    private ResolvedDataSource Source => experiment.Source;

    private ResolvedImageFolder? Folder => Source.Folder;

    /// <summary>The declared source: an image folder's comes from the config (its path, size and channels).</summary>
    private string Create => Folder is null ? "CreateDataSource()" : "CreateDataSource(config)";

    private bool HasValidation => experiment.Validation is not null;

    /// <summary>
    /// The expression that loads the splits, in Train and Evaluate alike; with a declared validation split it goes through
    /// ValidationSplit, which holds the validation set out of the training set before TrainLimit applies.
    /// </summary>
    public string Load => HasValidation ? Qualified.ValidationSplit + ".Load(" + Create + ", DataOptionsFor(config, settings))"
        : Create + ".Load(DataOptionsFor(config, settings))";

    /// <summary>The dataset's name in summaries: "CIFAR-10", or the user's type name.</summary>
    public string DatasetName => Source.Name;

    private bool IsLongTailed => experiment.Imbalance is not null;

    /// <summary>
    /// Whether the training set can be imbalanced enough to mislead accuracy: the built-in sets are balanced (MNIST's
    /// largest class is 1.24 times its smallest, far below ClassBalance.Threshold), so only a declared long tail or
    /// a user's source can be.
    /// </summary>
    public static bool MayBeImbalanced(ResolvedExperiment experiment)
        => experiment.Imbalance is not null || experiment.Source.Type is not null || experiment.Source.Folder is not null;


    public override IEnumerable<ConfigProperty> ConfigProperties
    {
        get
        {
            yield return ConfigProperty.Limit("TrainLimit", experiment.TrainLimit, "Use only the first N training images, stratified; 0 uses all.");
            yield return ConfigProperty.Limit("TestLimit", experiment.TestLimit, "Use only the first N test images, stratified; 0 uses all.");
            if (experiment.Validation is { } validation)
            {
                yield return ConfigProperty.Double("Validation", validation,
                    "Share of each training class held out (fixed seed) as the validation set; TrainLimit applies after.",
                    ConfigCheck.Shrinking);
            }
            if (Folder is { } folder)
            {
                yield return new ConfigProperty("ImageFolder", "string", CSharpLiteral.String(folder.Path),
                    "The folder of class folders: absolute, or relative to the data root (--data, $TRAINDSL_DATA).", null);
                yield return new ConfigProperty("ImageSize", "int", CSharpLiteral.Int(folder.Size),
                    "Side of the square images the model reads: each image's shorter side is resized to it, then center-cropped.",
                    Qualified.CheckOf(DataPart.Options.RangeOf(nameof(DataPart.Size))));
                yield return new ConfigProperty("ImageChannels", "int", CSharpLiteral.Int(folder.Channels),
                    "1 (grayscale) or 3 (RGB).", Qualified.CheckOf(ConfigCheck.Channels));
                yield return new ConfigProperty("TestFraction", "double", CSharpLiteral.Double(folder.TestFraction),
                    "For one tree of class folders: the share of each class held out, stratified and seeded, as the test set.", Qualified.CheckOf(ConfigCheck.Shrinking));
            }
            if (experiment.Imbalance is { } imbalance)
            {
                yield return new ConfigProperty("Imbalance", "double", CSharpLiteral.Double(imbalance),
                    "Long-tailed training set: n_max / n_min of the class sizes (Cui et al. 2019); 1 keeps it balanced.", Qualified.CheckOf(ConfigCheck.BalancedOrMore));
            }
        }
    }

    public override void ContributePlan(PlanBuilder plan)
    {
        // A built-in dataset's name is known here; an image folder and the user's source name themselves at run time.
        if (Folder is not null)
        {
            plan.Dataset.Text("image folder ").Hole("source.Name").Text(", ").Hole("config.ImageSize").Text("×").Hole("config.ImageSize")
                .Text(", ").Hole("config.ImageChannels").Text(" channel(s)");
        }
        else if (Source.BuiltIn is not null) plan.Dataset.Text(Source.Name);
        else plan.Dataset.Hole("source.Name");
        plan.TrainSize.Add("var source = " + Create + ";");
        plan.DataSource = "source.SourceFor(DataOptionsFor(config, settings))";
        plan.ClassNames = "source.ClassNamesFor(DataOptionsFor(config, settings))";
        if (HasValidation)
        {
            plan.ValidationSize = Qualified.ValidationSplit + ".SizeFor(source, DataOptionsFor(config, settings))";
            plan.Dataset.Text(", ").Hole("config.Validation").Text(" of each training class held out for validation");
        }
        if (!IsLongTailed)
        {
            plan.TrainSize.Add(HasValidation ? "int trainSize = " + Qualified.ValidationSplit + ".TrainSizeFor(source, DataOptionsFor(config, settings));"
                : "int trainSize = source.TrainSizeFor(DataOptionsFor(config, settings));");
            return;
        }
        plan.TrainSize.Add("var classSizes = LongTailClassSizes(source, DataOptionsFor(config, settings), config.Imbalance);");
        plan.TrainSize.Add("int trainSize = (int)" + Qualified.Enumerable + ".Sum(classSizes);");
        plan.Dataset.Text(", long-tailed (imbalance ").Hole("config.Imbalance").Text(")");
        if (MetricsPartEmitter.AdvisesOnClassBalance(experiment)) plan.Notes.Add(".. ClassBalanceNotes(classSizes)");
    }

    /// <summary>Train: loads the data (long-tailing the training set when declared) and creates the loaders.</summary>
    public void WriteLoad(SourceWriter writer)
    {
        if (IsLongTailed)
        {
            writer.Line("var loaded = " + Load + ";");
            writer.Line("// The long-tailed training set replaces the balanced one, which is freed at once; the test set stays balanced.");
            writer.Line("using var data = loaded with { Train = " + Qualified.LongTail + ".Apply(loaded.Train, config.Imbalance) };");
            writer.Line("loaded.Train.Dispose();");
        }
        else
        {
            writer.Line("using var data = " + Load + ";");
        }
        writer.Line("session.DataLoaded(data);");
        writer.Line("var train = new " + Qualified.BatchLoader + "(data.Train, config.BatchSize, shuffle: true, dropLast: true, seed: config.Seed);");
        if (HasValidation) writer.Line("var validation = new " + Qualified.BatchLoader + "(data.RequiredValidation, EvalBatchSize, shuffle: false, dropLast: false);");
        writer.Line("var test = new " + Qualified.BatchLoader + "(data.Test, EvalBatchSize, shuffle: false, dropLast: false);");
    }

    public override IEnumerable<Action<SourceWriter>> Factories => [WriteCreateDataSource];

    private void WriteCreateDataSource(SourceWriter writer)
    {
        var source = Source.BuiltIn switch
        {
            null => "new " + Source.Type + "()",
            DatasetKind.Mnist => Qualified.IdxDataset + ".Mnist",
            DatasetKind.Cifar10 => Qualified.CifarDataset + ".Cifar10",
            DatasetKind.Cifar100 => Qualified.CifarDataset + ".Cifar100",
            _ => Qualified.IdxDataset + ".FashionMnist",
        };
        if (Folder is { } folder)
        {
            writer.Line("/// <summary>The declared data: the image folder config.ImageFolder, with its size, channels and split.</summary>");
            writer.Line("public static " + Qualified.IDataSource + " CreateDataSource(Config config) =>");
            writer.Line("    new " + Qualified.ImageFolderDataset + "(");
            writer.Line("        config.ImageFolder, config.ImageSize, config.ImageChannels, config.TestFraction,");
            writer.Line("        badImages: " + Qualified.BadImagePolicy + "." + folder.BadImages + ");");
            return;
        }
        writer.Line("/// <summary>The declared data: " + Source.Name + ".</summary>");
        writer.Line("public static " + (experiment.Base is { HasCreateDataSource: true } ? "new " : "") + Qualified.IDataSource + " CreateDataSource() =>");
        writer.Line("    " + source + ";");
    }

    public override IEnumerable<Action<SourceWriter>> Helpers => IsLongTailed ? [WriteDataOptions, WriteLongTailClassSizes] : [WriteDataOptions];

    private void WriteDataOptions(SourceWriter writer)
    {
        writer.Line("private static " + Qualified.DataOptions + " DataOptionsFor(Config config, " + Qualified.RunSettings + " settings) => new()");
        writer.OpenBrace();
        writer.Line("Root = settings.DataRoot,");
        writer.Line("TrainLimit = config.TrainLimit,");
        writer.Line("TestLimit = config.TestLimit,");
        if (HasValidation) writer.Line("Validation = config.Validation,");
        writer.Line("Log = settings.Log,");
        writer.CloseBrace(";");
    }

    private void WriteLongTailClassSizes(SourceWriter writer)
    {
        var balance = Source.BuiltIn switch
        {
            null => "exact when " + Source.Name + "'s classes are balanced",
            DatasetKind.Mnist => "an estimate for MNIST, whose classes differ by up to a fifth",
            _ => "exact for " + Source.Name + "'s balanced classes",
        };
        writer.Line("/// <summary>");
        writer.Line("/// Training images per class after <see cref=\"LongTail.Apply\"/>, without loading pixels: the limit leaves each of the C classes");
        writer.Line("/// ⌊N/C⌋ or ⌈N/C⌉ of the N images (" + balance + "), and class c keeps at most");
        writer.Line("/// ⌊n_max · ρ^(−c/(C−1))⌋ of them (Cui et al. 2019).");
        writer.Line("/// </summary>");
        writer.Signature("private static long[]", "LongTailClassSizes", Qualified.IDataSource + " source, " + Qualified.DataOptions + " options, double imbalance");
        writer.OpenBrace();
        writer.Line(HasValidation ? "int balancedSize = " + Qualified.ValidationSplit + ".TrainSizeFor(source, options), classes = source.ClassNames.Count;"
            : "int balancedSize = source.TrainSizeFor(options), classes = source.ClassNames.Count;");
        writer.Line("var sizes = " + Qualified.LongTail + ".ClassSizes((balancedSize + classes - 1) / classes, classes, imbalance);");
        writer.Line("for (int c = 0; c < classes; c++)");
        writer.Line("    sizes[c] = " + Qualified.Math + ".Min(sizes[c], balancedSize / classes + (c < balancedSize % classes ? 1 : 0));");
        writer.Line("return sizes;");
        writer.CloseBrace();
    }

    public override void ContributeExport(ExportBuilder export)
    {
        export.Data = Source.BuiltIn?.ToString() ?? "Custom";
        export.DataSource = Create;
    }
}
