using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TrainDsl.Generators.Emit;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests;

/// <summary>
/// Issue #15's fuzzing cases: the generator never throws (a throw drops every generated file, Main included), and a
/// declaration without a TD error never yields generated code that does not compile; a name that would still break it is TD0030.
/// </summary>
public sealed class GeneratorSafetyTests
{
    private const string Parts = "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)]";

    private static string Recipe(string ns, string name, string body = "", string more = "")
        => (ns.Length > 0 ? "namespace " + ns + ";\n" : "") + more + "\n" + Parts + "\npublic partial class " + name + " {" + body + "}\n";

    /// <summary>No exception, no CS8785, every hint name of [A-Za-z0-9_.-] and unique.</summary>
    private static GeneratorHarness RunSafely(string source)
    {
        var run = GeneratorHarness.Run(TestCompilation.Create(OutputKind.ConsoleApplication, source));
        Assert.Null(run.Result.Exception);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id is "CS8785" or "TD0031");
        Assert.DoesNotContain(run.OutputCompilation.GetDiagnostics(), d => d.Id == "CS8785");
        Assert.All(run.Sources, s => Assert.Matches("^[A-Za-z0-9_.-]+$", s.HintName));
        Assert.Equal(run.Sources.Count, run.Sources.Select(s => s.HintName.ToLowerInvariant()).Distinct().Count());
        return run;
    }

    private static void AssertCompiles(GeneratorHarness run)
    {
        var errors = TestCompilation.Errors(run.OutputCompilation);
        Assert.True(errors.IsEmpty, string.Join(Environment.NewLine, errors.Take(5)));
    }

    [Theory]
    [InlineData("Lab.@struct", "E", "Lab.struct.E.g.cs")]
    [InlineData("Lab.@class", "E", "Lab.class.E.g.cs")]
    [InlineData("@event.Lab", "E", "event.Lab.E.g.cs", true)]
    [InlineData("Lab", "@class", "Lab.class.g.cs")]
    [InlineData("Lab", "@struct", "Lab.struct.g.cs")]
    [InlineData("Lab", "TrainDsl", "Lab.TrainDsl.g.cs")]
    [InlineData("Lab", "TorchSharp", "Lab.TorchSharp.g.cs")]
    [InlineData("Acme.TrainDsl", "E", "Acme.TrainDsl.E.g.cs")]
    [InlineData("Lab.System", "E", "Lab.System.E.g.cs")]
    [InlineData("Lab.TorchSharp", "E", "Lab.TorchSharp.E.g.cs")]
    [InlineData("Lab.Café", "Expérience", "Lab.Caf_.Exp_rience.g.cs")]
    public void Verbatim_and_shadowing_names_generate_code_that_compiles(string ns, string name, string hintName, bool sortsLast = false)
    {
        var run = RunSafely(Recipe(ns, name));

        Assert.Equal(sortsLast ? ["TrainDslProgram.g.cs", hintName] : [hintName, "TrainDslProgram.g.cs"], run.Sources.Select(s => s.HintName));
        AssertCompiles(run);
    }

    [Fact]
    public void Two_experiments_whose_hint_names_collide_get_distinct_ones()
    {
        // Two files: é and è both become _ in a hint name.
        var source1 = Recipe("Lab.Café", "E");
        var source2 = Recipe("Lab.Cafè", "E");
        var both = GeneratorHarness.Run(TestCompilation.Create(OutputKind.ConsoleApplication, source1, source2));
        Assert.Null(both.Result.Exception);
        Assert.Equal(["Lab.Caf_.E.2.g.cs", "Lab.Caf_.E.g.cs", "TrainDslProgram.g.cs"], both.Sources.Select(s => s.HintName));
        AssertCompiles(both);
    }

    /// <summary>Found by the fuzz test: two parts of one class that each carry the attributes (CS0579) were generated twice.</summary>
    [Fact]
    public void A_class_whose_parts_each_carry_Experiment_is_generated_once()
    {
        const string part = "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] public partial class E;\n";
        var run = RunSafely("namespace Lab;\n" + part + part);

        Assert.Equal(["Lab.E.g.cs", "TrainDslProgram.g.cs"], run.Sources.Select(s => s.HintName));
        Assert.Single(Regex.Matches(run.Sources.Single(s => s.HintName == "TrainDslProgram.g.cs").Text, "Runner"));
        var errors = TestCompilation.Errors(run.OutputCompilation);
        Assert.All(errors, e => Assert.Equal("CS0579", e.Id)); // the duplicate attributes, the user's to remove
    }

    [Fact]
    public async Task A_string_argument_with_unicode_line_terminators_is_escaped()
    {
        var source = "namespace Lab;\n[Experiment] [Data(ImageFolder, Size = 32, Path = \"a\\u2028b\\u2029c\\u0085d\\r\\ne\")] [Model(SmallCnn)] [Optimizer(Sgd)]\n"
            + "public partial class E { }";
        var run = RunSafely(source);

        Assert.Empty((await AnalyzerRunner.RunAsync(TestCompilation.Create(source))).Where(d => d.Severity == DiagnosticSeverity.Error));
        var text = run.Sources.Single(s => s.HintName == "Lab.E.g.cs").Text;
        Assert.Contains("\"a\\u2028b\\u2029c\\u0085d\\r\\ne\"", text);
        AssertCompiles(run);
    }

    /// <summary>
    /// Names the generated code declares (a member of the experiment, or the class named like one), a type var, or a type
    /// System, TorchSharp or TrainDsl in the global namespace: TD0030 from the analyzer, nothing generated, no compile error.
    /// </summary>
    [Theory]
    [InlineData("Lab", "Config", "", "")]
    [InlineData("Lab", "Metrics", "", "")]
    [InlineData("Lab", "Plan", "", "")]
    [InlineData("Lab", "Train", "", "")]
    [InlineData("Lab", "Evaluate", "", "")]
    [InlineData("Lab", "Runner", "", "")]
    [InlineData("Lab", "TrainResult", "", "")]
    [InlineData("Lab", "var", "", "")]
    [InlineData("", "TrainDslProgram", "", "")]
    [InlineData("Lab", "E", " public sealed class Config { } ", "")]
    [InlineData("Lab", "E", " public const string ExperimentName = \"x\"; ", "")]
    [InlineData("Lab", "E", " static int CreateModel(int a, int b) => a + b; ", "")]
    [InlineData("Lab", "E", " const int EvalBatchSize = 3; ", "")]
    [InlineData("Lab", "E", " static int DataOptionsFor(int x) => x; ", "")]
    [InlineData("", "E", "", "public sealed class TorchSharp { }")]
    public async Task A_name_the_generated_code_uses_is_TD0030_and_generates_nothing(string ns, string name, string body, string more)
    {
        var source = Recipe(ns, name, body, more);
        var run = RunSafely(source);

        Assert.All(run.Sources, s => Assert.True(s.HintName == "TrainDslProgram.g.cs" && !s.Text.Contains("Runner"), s.HintName));
        AssertCompiles(run);
        var diagnostics = await AnalyzerRunner.RunAsync(TestCompilation.Create(OutputKind.ConsoleApplication, source));
        Assert.Contains(diagnostics, d => d.Id == "TD0030");
    }

    /// <summary>
    /// Issue #15: an experiment or a type of the user's named like a type the generated code names (Tensor, Checkpoint,
    /// torch, BatchLoader, TrainDsl outside the global namespace) was TD0030; the generated code now qualifies every type,
    /// so it is generated and compiles, with no TD0030.
    /// </summary>
    [Theory]
    [InlineData("Lab", "Tensor", "")]
    [InlineData("Lab", "Checkpoint", "")]
    [InlineData("Lab", "RunSettings", "")]
    [InlineData("Lab", "torch", "")]
    [InlineData("Lab", "ResNet", "")]
    [InlineData("Lab", "E", "public sealed class Tensor { }")]
    [InlineData("Lab", "E", "public sealed class TrainDsl { } public sealed class System { } public sealed class MixUp { }")]
    [InlineData("", "E", "public sealed class BatchLoader { }")]
    public async Task A_name_like_a_runtime_type_generates_code_that_compiles(string ns, string name, string more)
    {
        var source = Recipe(ns, name, "", more);
        var run = RunSafely(source);

        Assert.Contains(run.Sources, s => s.HintName != "TrainDslProgram.g.cs");
        AssertCompiles(run);
        var diagnostics = await AnalyzerRunner.RunAsync(TestCompilation.Create(OutputKind.ConsoleApplication, source));
        Assert.DoesNotContain(diagnostics, d => d.Id == "TD0030");
    }

    /// <summary>
    /// Found by the fuzz test: a class System in the global namespace (here the experiment itself) makes global::System
    /// ambiguous, so every generated file failed; it is TD0030, and the other experiment of the program is not generated
    /// into code that cannot compile.
    /// </summary>
    [Fact]
    public async Task A_class_System_in_the_global_namespace_is_TD0030()
    {
        var source = Parts + "\npublic partial class System { }\n" + Parts + "\npublic partial class Other { }\n";
        var run = RunSafely(source);

        Assert.Equal(["TrainDslProgram.g.cs"], run.Sources.Select(s => s.HintName));
        var generated = run.Result.GeneratedSources.Select(s => s.SyntaxTree).ToHashSet();
        Assert.DoesNotContain(run.OutputCompilation.GetDiagnostics(), d => d.Location.SourceTree is { } t && generated.Contains(t));
        var diagnostics = await AnalyzerRunner.RunAsync(TestCompilation.Create(OutputKind.ConsoleApplication, source));
        Assert.Equal(2, diagnostics.Count(d => d.Id == "TD0030" && d.GetMessage().StartsWith("Type in the global namespace 'System'", StringComparison.Ordinal)));
    }

    /// <summary>Found by the fuzz test: [MixUp] twice (CS0579) generated its Config property twice; now nothing is generated.</summary>
    [Fact]
    public void A_mixing_method_applied_twice_generates_nothing()
    {
        var run = RunSafely("namespace Lab;\n[MixUp] [MixUp] [CutMixAttribute] [CutMix]\n" + Parts + "\npublic partial class E;\n");

        Assert.Equal(["TrainDslProgram.g.cs"], run.Sources.Select(s => s.HintName));
        Assert.All(TestCompilation.Errors(run.OutputCompilation), e => Assert.Equal("CS0579", e.Id));
    }

    /// <summary>Found by the fuzz test: a model factory declared twice (CS0111) made the generated call ambiguous.</summary>
    [Fact]
    public void A_factory_declared_twice_generates_nothing()
    {
        const string build = "public static TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> Build(int a, int b) => null!;";
        var run = RunSafely("namespace Lab;\n[Experiment] [Data(FashionMnist)] [Model(nameof(Build))] [Optimizer(Sgd)]\n"
            + "public partial class E { " + build + " " + build + " }\n");

        Assert.Equal(["TrainDslProgram.g.cs"], run.Sources.Select(s => s.HintName));
        Assert.All(TestCompilation.Errors(run.OutputCompilation), e => Assert.Equal("CS0111", e.Id));
    }

    /// <summary>
    /// Found by the fuzz test once a type Tensor no longer made every experiment TD0030: a teacher experiment whose [Data]
    /// word is hidden by a type of the user's is not generated, so the student's generated code called a CreateModel that
    /// does not exist. The student now gets TD0021 and nothing is generated for either.
    /// </summary>
    [Fact]
    public async Task A_teacher_experiment_with_errors_is_TD0021_on_its_student()
    {
        var source = "namespace Lab;\npublic static class FashionMnist { }\n"
            + "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] public partial class Teacher;\n"
            + "[Experiment] [Data(Cifar10)] [Model(ResNet20)] [Optimizer(Sgd)] [Distill(typeof(Teacher))] public partial class Student;\n";
        var run = RunSafely(source);

        Assert.Equal(["TrainDslProgram.g.cs"], run.Sources.Select(s => s.HintName));
        var generated = run.Result.GeneratedSources.Select(s => s.SyntaxTree).ToHashSet();
        Assert.DoesNotContain(run.OutputCompilation.GetDiagnostics(), d => d.Location.SourceTree is { } t && generated.Contains(t));
        var diagnostics = await AnalyzerRunner.RunAsync(TestCompilation.Create(OutputKind.ConsoleApplication, source));
        var invalid = Assert.Single(diagnostics, d => d.Id == "TD0021");
        Assert.StartsWith("Teacher 'Lab.Teacher' is an [Experiment] with errors of its own", invalid.GetMessage(), StringComparison.Ordinal);
    }

    /// <summary>Found by the fuzz test: [Distill(null)] compiles, and got neither code nor a diagnostic; now it is TD0021.</summary>
    [Fact]
    public async Task Distill_null_is_TD0021()
    {
        var source = "namespace Lab;\n[Experiment] [Data(Cifar10)] [Model(ResNet20)] [Optimizer(Sgd)] [Distill(null, Alpha = 0.1)] public partial class E;\n";
        var run = RunSafely(source);

        Assert.Equal(["TrainDslProgram.g.cs"], run.Sources.Select(s => s.HintName));
        var diagnostics = await AnalyzerRunner.RunAsync(TestCompilation.Create(OutputKind.ConsoleApplication, source));
        var invalid = Assert.Single(diagnostics, d => d.Id == "TD0021");
        Assert.StartsWith("Teacher 'null' is neither an [Experiment] class nor", invalid.GetMessage(), StringComparison.Ordinal);
    }

    /// <summary>Found by the fuzz test: [Data(null)] compiles, and got no diagnostic and no code; now it is TD0027.</summary>
    [Fact]
    public async Task Data_null_is_TD0027()
    {
        var source = "namespace Lab;\n[Experiment] [Data(null)] [Model(SmallCnn)] [Optimizer(Sgd)]\npublic partial class E;\n";
        var diagnostics = await AnalyzerRunner.RunAsync(TestCompilation.Create(OutputKind.ConsoleApplication, source));

        var invalid = Assert.Single(diagnostics, d => d.Id == "TD0027");
        Assert.StartsWith("Data source 'null' ", invalid.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TD0030_names_the_clash_and_the_fix()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(TestCompilation.Create(Recipe("Lab", "E", " static int CreateModel(int a, int b) => a + b; ")));

        var clash = Assert.Single(diagnostics, d => d.Id == "TD0030");
        Assert.Equal("Member of 'E' 'CreateModel' clashes with the 'CreateModel' the generated code declares; rename it", clash.GetMessage());
    }

    /// <summary>
    /// <see cref="GeneratedNames.Members"/> is the clash rule's list: every member the generated class declares, in every
    /// baseline, is in it. (Every other name is global::-qualified: QualifiedNamesTests.)
    /// </summary>
    [Fact]
    public void GeneratedNames_lists_every_member_the_baselines_declare()
    {
        var missingMembers = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (kind, sources) in BaselineTests.CaseSources.Values)
        {
            var run = GeneratorHarness.Run(TestCompilation.Create(kind, sources));
            foreach (var tree in run.OutputCompilation.SyntaxTrees.Where(t => t.ToString().StartsWith("// <auto-generated/>", StringComparison.Ordinal)))
            {
                foreach (var type in tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>().Where(t => t.Parent is BaseNamespaceDeclarationSyntax or CompilationUnitSyntax))
                {
                    foreach (var member in type.Members)
                    {
                        var declared = member switch
                        {
                            BaseTypeDeclarationSyntax t => t.Identifier.ValueText,
                            MethodDeclarationSyntax m => m.Identifier.ValueText,
                            PropertyDeclarationSyntax p => p.Identifier.ValueText,
                            FieldDeclarationSyntax f => f.Declaration.Variables[0].Identifier.ValueText,
                            _ => null,
                        };
                        if (declared is not null && declared != "Main" && !GeneratedNames.Members.Contains(declared)) missingMembers.Add(declared);
                    }
                }
            }
        }

        Assert.True(missingMembers.Count == 0, "Members: " + string.Join(", ", missingMembers));
    }
}
