using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0002 (not partial) and TD0011 (nested, generic or record).</summary>
public sealed class ExperimentClassRuleTests
{
    private const string Parts = """
        [Experiment]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        """;

    [Fact]
    public Task A_class_that_is_not_partial_is_flagged_on_its_name() => RecipeTest.VerifyAnalyzerAsync(Parts + """

        public class {|#0:Baseline|} { }
        """,
        new DiagnosticResult(DiagnosticDescriptors.ExperimentNotPartial).WithLocation(0).WithMessage(
            "Experiment class 'Baseline' must be partial so the generator can add its training code; add the 'partial' modifier"));

    [Theory]
    [InlineData("public sealed partial class Baseline { }")]
    [InlineData("internal static partial class Baseline { }")]
    [InlineData("public abstract partial class Baseline { }")]
    public Task A_partial_class_is_fine(string declaration) => RecipeTest.VerifyAnalyzerAsync(Parts + "\n" + declaration);

    [Fact]
    public Task One_part_without_partial_is_flagged() => RecipeTest.VerifyAnalyzerAsync(Parts + """

        public partial class {|TD0002:Baseline|} { }

        public class {|CS0260:Baseline|} { }
        """);

    [Fact]
    public Task A_nested_class_is_not_supported() => RecipeTest.VerifyAnalyzerAsync("""
        public partial class Outer
        {
        """ + Parts + """

            public partial class {|#0:Inner|} { }
        }
        """,
        new DiagnosticResult(DiagnosticDescriptors.UnsupportedExperimentClass).WithLocation(0).WithMessage(
            "Experiment class 'Inner' is nested in 'Outer', which the generator does not support; declare it as a top-level, non-generic class"));

    [Theory]
    [InlineData("public partial class {|#0:Baseline|}<T> { }", "generic")]
    [InlineData("public partial record {|#0:Baseline|} { }", "a record")]
    public Task Generic_and_record_classes_are_not_supported(string declaration, string shape)
        => RecipeTest.VerifyAnalyzerAsync(Parts + "\n" + declaration,
            new DiagnosticResult(DiagnosticDescriptors.UnsupportedExperimentClass).WithLocation(0).WithArguments("Baseline", shape));
}
