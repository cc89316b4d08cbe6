using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0029: an image folder's declaration says which size the model reads; its options are checked like every other.</summary>
public sealed class ImageFolderRuleTests
{
    private static string Recipe(string data) => $$"""
        [Experiment]
        {{data}}
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        public partial class E { }
        """;

    [Fact]
    public Task An_image_folder_without_Size_is_an_error() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Data({|#0:ImageFolder|}, Path = \"pets\")]"),
        new DiagnosticResult(DiagnosticDescriptors.ImageSizeMissing).WithLocation(0));

    [Theory]
    [InlineData("[Data(ImageFolder, Size = 64)]")]
    [InlineData("[Data(ImageFolder, Path = \"/srv/pets\", Size = 32, Channels = 1, TestFraction = 0.1, BadImages = Refuse)]")]
    public Task A_complete_image_folder_is_fine(string data) => RecipeTest.VerifyAnalyzerAsync(Recipe(data));

    [Theory]
    [InlineData("[Data(ImageFolder, Size = 64, {|#0:Channels = 2|})]", "Channels", "2", "1 (grayscale) or 3 (RGB)")]
    [InlineData("[Data(ImageFolder, {|#0:Size = 0|})]", "Size", "0", "1 to 1,024 pixels")]
    [InlineData("[Data(ImageFolder, Size = 64, {|#0:TestFraction = 1|})]", "TestFraction", "1", "a value in (0, 1)")]
    public Task Image_folder_options_are_range_checked(string data, string option, string value, string range) => RecipeTest.VerifyAnalyzerAsync(
        Recipe(data),
        new DiagnosticResult(DiagnosticDescriptors.ValueOutOfRange).WithLocation(0).WithArguments(option, value, range));

    [Fact]
    public Task Image_folder_options_on_a_built_in_dataset_have_no_effect() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Data(FashionMnist, {|#0:Size = 32|})]"),
        new DiagnosticResult(DiagnosticDescriptors.OptionIgnored).WithLocation(0).WithArguments("Size", "the FashionMnist dataset"));
}
