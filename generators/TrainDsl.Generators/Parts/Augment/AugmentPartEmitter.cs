using System;
using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Augment;

/// <summary>
/// [RandomResizedCrop], [RandomCrop] and [HorizontalFlip]: per-image augmentations of each training batch, in that
/// order, before any mixing.
/// </summary>
internal sealed class AugmentPartEmitter(ResolvedExperiment experiment) : PartEmitter
{
    private ResolvedAugment Augment => experiment.Augment;

    private bool IsDeclared => Augment.CropPadding is not null || Augment.ResizedCrop is not null || Augment.FlipProbability is not null;


    public override IEnumerable<ConfigProperty> ConfigProperties
    {
        get
        {
            if (Augment.ResizedCrop is not null || Augment.CropPadding is not null)
                yield return Switches.Property(Switches.Crop, (Augment.ResizedCrop is not null ? "RandomResizedCrop" : "RandomCrop") + " augments training images");
            if (Augment.FlipProbability is not null)
                yield return Switches.Property(Switches.Flip, "RandomHorizontalFlip augments training images");
            if (Augment.ResizedCrop is { } resized)
            {
                yield return Scale(nameof(resized.MinScale), resized.MinScale, "the smallest box area, as a fraction of the image's.", "MaxScale");
                yield return Scale(nameof(resized.MaxScale), resized.MaxScale, "the largest box area, as a fraction of the image's.", null);
                yield return Scale(nameof(resized.MinRatio), resized.MinRatio, "the smallest aspect ratio width / height of a box.", "MaxRatio");
                yield return Scale(nameof(resized.MaxRatio), resized.MaxRatio, "the largest aspect ratio width / height of a box.", null);
            }
            if (Augment.CropPadding is { } padding)
                yield return ConfigProperty.AtLeastOne("CropPadding", padding, "RandomCrop: pixels of black padding on each side before the crop.");
            if (Augment.FlipProbability is { } probability)
                yield return ConfigProperty.Probability("FlipProbability", probability, "RandomHorizontalFlip: the chance that an image is mirrored.");
        }
    }

    /// <summary>One end of a [RandomResizedCrop] range; the low end also must not pass <paramref name="high"/>.</summary>
    private static ConfigProperty Scale(string name, double value, string doc, string? high)
    {
        var check = Qualified.CheckOf(RandomResizedCropPart.Options.RangeOf(name));
        if (high is not null) check += ", " + Qualified.CheckOf(ConfigCheck.NotAboveOther) + ", Other = " + CSharpLiteral.String(high);
        return new ConfigProperty(name, "double", CSharpLiteral.Double(value), "RandomResizedCrop: " + doc, check);
    }

    public override void ContributePlan(PlanBuilder plan)
    {
        if (Augment.ResizedCrop is not null)
            plan.Dataset.Text(", ").Hole(Qualified.RandomResizedCrop + ".Describe(config.MinScale, config.MaxScale, config.MinRatio, config.MaxRatio)")
                .Off(Switches.Crop);
        if (Augment.CropPadding is not null) plan.Dataset.Text(", random crop (padding ").Hole("config.CropPadding").Text(")").Off(Switches.Crop);
        if (Augment.FlipProbability is not null) plan.Dataset.Text(", horizontal flip (probability ").Hole("config.FlipProbability").Text(")").Off(Switches.Flip);
    }

    public override IEnumerable<string> ResumableState
    {
        get
        {
            if (Augment.ResizedCrop is not null) yield return "resizedCrop";
            if (Augment.CropPadding is not null) yield return "crop";
            if (Augment.FlipProbability is not null) yield return "flip";
        }
    }

    public override void WriteSetup(SourceWriter writer)
    {
        if (Augment.ResizedCrop is not null)
        {
            writer.Statement("using var resizedCrop = new " + Qualified.RandomResizedCrop + "(",
                "config.MinScale, config.MaxScale, config.MinRatio, config.MaxRatio, seed: config.Seed + ResizedCropSeedOffset);");
        }
        if (Augment.CropPadding is not null)
        {
            writer.Line("// torchvision pads the raw image with black, which is (0 − mean) / std in the normalised batch.");
            writer.Statement("using var crop = new " + Qualified.RandomCrop + "(", "config.CropPadding, seed: config.Seed + CropSeedOffset, fill: -data.Train.Mean[0] / data.Train.Std[0]);");
        }
        if (Augment.FlipProbability is not null)
        {
            writer.Line("using var flip = new " + Qualified.RandomHorizontalFlip + "(config.FlipProbability, seed: config.Seed + FlipSeedOffset);");
        }
    }

    public override void WriteStepInputs(SourceWriter writer, StepFlow flow)
    {
        if (Augment.ResizedCrop is not null)
        {
            writer.Line("var resized = config." + Switches.Crop + " ? resizedCrop.Apply(" + flow.Images + ") : " + flow.Images + ";");
            flow.Images = "resized";
        }
        if (Augment.CropPadding is not null)
        {
            writer.Line("var cropped = config." + Switches.Crop + " ? crop.Apply(" + flow.Images + ") : " + flow.Images + ";");
            flow.Images = "cropped";
        }
        if (Augment.FlipProbability is not null)
        {
            writer.Line("var flipped = config." + Switches.Flip + " ? flip.Apply(" + flow.Images + ") : " + flow.Images + ";");
            flow.Images = "flipped";
        }
    }

    public override IEnumerable<Action<SourceWriter>> Constants
    {
        get
        {
            if (Augment.ResizedCrop is not null)
                yield return w => SeedOffsets.Write(w, "ResizedCropSeedOffset", SeedOffsets.ResizedCrop, "RandomResizedCrop");
            if (Augment.CropPadding is not null)
                yield return w => SeedOffsets.Write(w, "CropSeedOffset", SeedOffsets.Crop, "RandomCrop");
            if (Augment.FlipProbability is not null)
                yield return w => SeedOffsets.Write(w, "FlipSeedOffset", SeedOffsets.Flip, "RandomHorizontalFlip");
        }
    }

    /// <summary>In step order, as <see cref="WriteStepInputs"/> applies them.</summary>
    public override void ContributeExport(ExportBuilder export)
    {
        if (Augment.ResizedCrop is not null) export.Augment.Add("RandomResizedCrop");
        if (Augment.CropPadding is not null) export.Augment.Add("RandomCrop");
        if (Augment.FlipProbability is not null) export.Augment.Add("HorizontalFlip");
    }
}
