using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0020 (distilling from itself), TD0021 (a teacher that is no model) and TD0022 (a module teacher without weights).</summary>
public sealed class DistillTeacherRuleTests
{
    private const string Types = """
        using TorchSharp;
        using static TorchSharp.torch;

        [Experiment]
        [Data(FashionMnist)]
        [Model(ResNet20)]
        [Optimizer(Sgd)]
        public partial class Teacher { }

        public sealed class Net : nn.Module<Tensor, Tensor>
        {
            public Net(int inChannels, int classes) : base("Net") { }
            public override Tensor forward(Tensor x) => x;
        }

        public abstract class AbstractNet : nn.Module<Tensor, Tensor>
        {
            protected AbstractNet() : base("AbstractNet") { }
        }

        """;

    private static string Recipe(string distill) => Types + $$"""
        [Experiment]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        {{distill}}
        public partial class Student { }
        """;

    [Fact]
    public Task A_student_cannot_be_its_own_teacher() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Distill({|#0:typeof(Student)|}, Checkpoint = \"s.bin\")]"),
        new DiagnosticResult(DiagnosticDescriptors.TeacherIsSelf).WithLocation(0).WithMessage(
            "'Student' cannot be its own distillation teacher; name another [Experiment] class or a trained Module<Tensor, Tensor> type"));

    [Theory]
    [InlineData("typeof(string)", "string", "is neither an [Experiment] class nor a TorchSharp Module<Tensor, Tensor>")]
    [InlineData("typeof(AbstractNet)", "AbstractNet", "is abstract")]
    public Task A_teacher_that_is_no_model_is_an_error(string type, string name, string problem) => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Distill({|#0:" + type + "|}, Checkpoint = \"t.bin\")]"),
        new DiagnosticResult(DiagnosticDescriptors.InvalidTeacher).WithLocation(0).WithMessage(
            $"Teacher '{name}' {problem}; name an [Experiment] class or a TorchSharp Module<Tensor, Tensor> with a public (int inChannels, int classes) or parameterless constructor"));

    [Fact]
    public Task A_module_teacher_needs_a_checkpoint() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[{|#0:Distill(typeof(Net), Temperature = 2)|}]"),
        new DiagnosticResult(DiagnosticDescriptors.TeacherCheckpointMissing).WithLocation(0).WithMessage(
            "Teacher 'Net' is a module type, so no run folder names its weights; set Checkpoint = \"path/to/model.bin\" (or --set TeacherCheckpoint=FILE)"));

    [Theory]
    [InlineData("[Distill(typeof(Teacher))]")] // the newest run of Teacher supplies the weights
    [InlineData("[Distill(typeof(Teacher), Checkpoint = \"runs/Teacher/1/model.bin\", Temperature = 2, Alpha = 0.5)]")]
    [InlineData("[Distill(typeof(Net), Checkpoint = \"net.bin\")]")]
    [InlineData("[Distill(typeof(TrainDsl.Models.SmallCnn), Checkpoint = \"cnn.bin\", Alpha = 1)]")]
    public Task An_experiment_or_a_module_with_weights_is_a_teacher(string distill) => RecipeTest.VerifyAnalyzerAsync(Recipe(distill));
}
