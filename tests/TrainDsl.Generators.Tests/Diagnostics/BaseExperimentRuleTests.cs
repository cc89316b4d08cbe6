using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0051, and how the rules report on a derived experiment's combined recipe.</summary>
public sealed class BaseExperimentRuleTests
{
    [Fact]
    public Task An_experiment_deriving_from_a_plain_class_is_flagged_once() => RecipeTest.VerifyAnalyzerAsync("""
        public class Plain { }

        [Experiment]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        public partial class E : {|#0:Plain|} { }

        [FMix]
        public partial class Derived : E { }
        """,
        new DiagnosticResult(DiagnosticDescriptors.BaseIsNotExperiment).WithLocation(0).WithArguments("E", "Plain"));

    [Fact]
    public Task A_finding_the_combination_causes_points_at_the_derived_class_and_the_inherited_part() => RecipeTest.VerifyAnalyzerAsync("""
        [Experiment(BatchSize = 256)]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd, {|#1:LearningRate = 0.1|})]
        public partial class Base { }

        [Experiment(BatchSize = 512)]
        public partial class {|#0:Larger|} : Base { }
        """,
        new DiagnosticResult(DiagnosticDescriptors.LinearScalingRule).WithLocation(0).WithLocation(1).WithArguments("0.1", "512", "0.2"));

    [Fact]
    public Task An_error_only_the_combination_has_stops_the_derived_experiment() => RecipeTest.VerifyAnalyzerAsync("""
        [Experiment(Epochs = 10)]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        [Schedule(Cosine, {|#1:WarmupEpochs = 5|})]
        public partial class Base { }

        [Experiment(Epochs = 4)]
        public partial class {|#0:Shorter|} : Base { }
        """,
        new DiagnosticResult(DiagnosticDescriptors.WarmupTooLong).WithLocation(0).WithLocation(1).WithArguments("5", "4"));

    [Fact]
    public Task A_finding_of_the_base_alone_is_not_repeated_on_the_derived_class() => RecipeTest.VerifyAnalyzerAsync("""
        [Experiment(BatchSize = 512)]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd, {|#0:LearningRate = 0.1|})]
        public partial class Base { }

        [FMix]
        public partial class WithFMix : Base { }
        """,
        new DiagnosticResult(DiagnosticDescriptors.LinearScalingRule).WithLocation(0).WithArguments("0.1", "512", "0.2"));

    [Fact]
    public Task A_derived_part_is_checked_where_it_is_written() => RecipeTest.VerifyAnalyzerAsync("""
        [Experiment]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        public partial class Base { }

        [Loss(Focal, {|TD0004:Gamma = -1|})]
        public partial class FocalBase : Base { }
        """);

    [Fact]
    public Task A_derived_experiment_must_be_partial() => RecipeTest.VerifyAnalyzerAsync("""
        [Experiment]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        public partial class Base { }

        public class {|TD0002:NotPartial|} : Base { }
        """);
}
