using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0024: parts that run together but work against each other.</summary>
public sealed class QuestionableCombinationRuleTests
{
    private static string Recipe(string data, string more) => $$"""
        [Experiment]
        [{{data}}]
        [Model(ResNet20)]
        [Optimizer(Sgd)]
        {{more}}
        public partial class E { }

        [Experiment]
        [Data(Mnist)]
        [Model(ResNet56)]
        [Optimizer(Sgd)]
        public partial class DigitTeacher { }
        """;

    [Fact]
    public Task A_horizontal_flip_on_digits_is_flagged() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("Data(Mnist)", "[{|#0:HorizontalFlip(Probability = 0.5)|}]"),
        new DiagnosticResult(DiagnosticDescriptors.QuestionableCombination).WithLocation(0).WithMessage(
            "[HorizontalFlip] with [Data(Mnist)]: digits are not mirror-symmetric (a mirrored 2, 3, 7 or 9 is no digit), so the flip teaches the model images of no class; remove [HorizontalFlip]"));

    [Fact]
    public Task A_teacher_trained_on_other_data_is_flagged() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("Data(FashionMnist)", "[Distill({|#0:typeof(DigitTeacher)|})]"),
        new DiagnosticResult(DiagnosticDescriptors.QuestionableCombination).WithLocation(0).WithMessage(
            "[Distill(typeof(DigitTeacher))] with [Data(FashionMnist)]: the teacher trains on Mnist, so its predictions for FashionMnist images name other classes; distill from a teacher trained on FashionMnist"));

    [Fact]
    public Task Two_crops_of_every_image_are_flagged() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("Data(Cifar10)", "[{|#0:RandomResizedCrop(MinScale = 0.35)|}] [RandomCrop] [HorizontalFlip]"),
        new DiagnosticResult(DiagnosticDescriptors.QuestionableCombination).WithLocation(0).WithMessage(
            "[RandomResizedCrop] with [RandomCrop]: every image is cropped twice, and the padded crop moves the resized box again and brings in "
            + "black borders; keep one (torchvision recipes use the resized crop on large images, the padded crop on 32 × 32 ones)"));

    [Theory]
    [InlineData("Data(FashionMnist)", "[HorizontalFlip]")]
    [InlineData("Data(Cifar10)", "[RandomResizedCrop] [HorizontalFlip]")]
    [InlineData("Data(Mnist)", "[RandomResizedCrop(MinScale = 0.5)]")]
    [InlineData("Data(Mnist)", "[RandomCrop(Padding = 2)]")]
    [InlineData("Data(Mnist)", "[Distill(typeof(DigitTeacher))]")]
    public Task Sensible_combinations_are_fine(string data, string more) => RecipeTest.VerifyAnalyzerAsync(Recipe(data, more));
}
