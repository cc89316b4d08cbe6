using System;
using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Augment;

/// <summary>[RandomCrop] and [HorizontalFlip]: per-image augmentations of each training batch, before any mixing.</summary>
internal sealed class AugmentPartEmitter(ResolvedExperiment experiment) : PartEmitter
{
    private ResolvedAugment Augment => experiment.Augment;

    private bool IsDeclared => Augment.CropPadding is not null || Augment.FlipProbability is not null;

    public override IEnumerable<string> Usings => IsDeclared ? ["TrainDsl.Augment"] : [];

    public override IEnumerable<ConfigProperty> ConfigProperties
    {
        get
        {
            if (Augment.CropPadding is { } padding)
                yield return ConfigProperty.AtLeastOne("CropPadding", padding, "RandomCrop: pixels of black padding on each side before the crop.");
            if (Augment.FlipProbability is { } probability)
                yield return ConfigProperty.Probability("FlipProbability", probability, "RandomHorizontalFlip: the chance that an image is mirrored.");
        }
    }

    public override void ContributePlan(PlanBuilder plan)
    {
        if (Augment.CropPadding is not null) plan.Dataset.Text(", random crop (padding ").Hole("config.CropPadding").Text(")");
        if (Augment.FlipProbability is not null) plan.Dataset.Text(", horizontal flip (probability ").Hole("config.FlipProbability").Text(")");
    }

    public override IEnumerable<string> ResumableState
    {
        get
        {
            if (Augment.CropPadding is not null) yield return "crop";
            if (Augment.FlipProbability is not null) yield return "flip";
        }
    }

    public override void WriteSetup(SourceWriter writer)
    {
        if (Augment.CropPadding is not null)
        {
            writer.Line("// torchvision pads the raw image with black, which is (0 − mean) / std in the normalised batch.");
            writer.Statement("using var crop = new RandomCrop(", "config.CropPadding, seed: config.Seed + CropSeedOffset, fill: -data.Train.Mean[0] / data.Train.Std[0]);");
        }
        if (Augment.FlipProbability is not null)
        {
            writer.Line("using var flip = new RandomHorizontalFlip(config.FlipProbability, seed: config.Seed + FlipSeedOffset);");
        }
    }

    public override void WriteStepInputs(SourceWriter writer, StepFlow flow)
    {
        if (Augment.CropPadding is not null)
        {
            writer.Line("var cropped = crop.Apply(" + flow.Images + ");");
            flow.Images = "cropped";
        }
        if (Augment.FlipProbability is not null)
        {
            writer.Line("var flipped = flip.Apply(" + flow.Images + ");");
            flow.Images = "flipped";
        }
    }

    public override IEnumerable<Action<SourceWriter>> Constants
    {
        get
        {
            if (Augment.CropPadding is not null)
                yield return w => SeedOffsets.Write(w, "CropSeedOffset", SeedOffsets.Crop, "RandomCrop");
            if (Augment.FlipProbability is not null)
                yield return w => SeedOffsets.Write(w, "FlipSeedOffset", SeedOffsets.Flip, "RandomHorizontalFlip");
        }
    }
}
