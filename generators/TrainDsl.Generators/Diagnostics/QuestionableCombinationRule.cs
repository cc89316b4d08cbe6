using System.Collections.Generic;

namespace TrainDsl.Generators.Diagnostics;

/// <summary>
/// TD0024: parts that run together but work against each other: a horizontal flip on MNIST (digits are
/// not mirror-symmetric), two crops of every image, a teacher experiment trained on another dataset.
/// </summary>
internal static class QuestionableCombinationRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        var dataset = declaration.Data?.Dataset?.Value;

        if (declaration.HorizontalFlip is { } flip && dataset == DatasetKind.Mnist)
        {
            Report(flip.Attribute, "[HorizontalFlip]", "[Data(Mnist)]",
                "digits are not mirror-symmetric (a mirrored 2, 3, 7 or 9 is no digit), so the flip teaches the model images of no class; remove [HorizontalFlip]");
        }

        if (declaration.RandomResizedCrop is { } resizedCrop && declaration.RandomCrop is not null)
        {
            Report(resizedCrop.Attribute, "[RandomResizedCrop]", "[RandomCrop]",
                "every image is cropped twice, and the padded crop moves the resized box again and brings in black borders; keep one " +
                "(torchvision recipes use the resized crop on large images, the padded crop on 32 × 32 ones)");
        }

        if (declaration.Distill is { Teacher: { Kind: TeacherKind.Experiment, Dataset: { } teacherData } teacher } distill
            && dataset is { } data && teacherData != data)
        {
            Report(distill.TeacherArgument, "[Distill(typeof(" + teacher.Name + "))]", "[Data(" + data + ")]",
                "the teacher trains on " + teacherData + ", so its predictions for " + data + " images name other classes; distill from a teacher trained on " + data);
        }

        void Report(LocationInfo? location, string part, string other, string why)
            => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.QuestionableCombination, location, part, other, why));
    }
}
