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

    [Theory]
    [InlineData("Data(FashionMnist)", "[HorizontalFlip]")]
    [InlineData("Data(Mnist)", "[RandomCrop(Padding = 2)]")]
    [InlineData("Data(Mnist)", "[Distill(typeof(DigitTeacher))]")]
    public Task Sensible_combinations_are_fine(string data, string more) => RecipeTest.VerifyAnalyzerAsync(Recipe(data, more));
}
