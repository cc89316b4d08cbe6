using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TrainDsl.Generators.Emit;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests;

/// <summary>
/// Issue #15: the generated code writes every type it names <c>global::</c>-qualified, from one table
/// (<see cref="Qualified"/>), and has no usings, so types of the user's named like any of them (a class ResNet, Tensor,
/// BatchLoader or System next to the experiment, or in a namespace every file imports) change nothing.
/// </summary>
public sealed class QualifiedNamesTests
{
    /// <summary>
    /// Recipes that between them generate every name of the table, written as a user whose names shadow them would write
    /// them: attributes and recipe words qualified, since the user's own code is not the generator's to protect.
    /// </summary>
    private const string Recipes = """
        namespace Lab;

        [global::TrainDsl.Experiment(Epochs = 4)]
        [global::TrainDsl.Data(global::TrainDsl.Recipe.FashionMnist, Validation = 0.1, Imbalance = 10)]
        [global::TrainDsl.Model(global::TrainDsl.Recipe.ResNet20)]
        [global::TrainDsl.ZeroGamma]
        [global::TrainDsl.RandomCrop]
        [global::TrainDsl.HorizontalFlip]
        [global::TrainDsl.MixUp]
        [global::TrainDsl.CutMix]
        [global::TrainDsl.FMix]
        [global::TrainDsl.Loss(global::TrainDsl.Recipe.Focal, LabelSmoothing = 0.1)]
        [global::TrainDsl.Optimizer(global::TrainDsl.Recipe.Lars)]
        [global::TrainDsl.NoBiasDecay]
        [global::TrainDsl.ClipGradNorm(MaxNorm = 5)]
        [global::TrainDsl.Schedule(global::TrainDsl.Recipe.Cosine, WarmupEpochs = 1)]
        [global::TrainDsl.Ema]
        [global::TrainDsl.GradientAccumulation(Steps = 2)]
        [global::TrainDsl.EarlyStopping]
        [global::TrainDsl.Metric(global::TrainDsl.Recipe.Accuracy)]
        [global::TrainDsl.Metric(global::TrainDsl.Recipe.TopK, K = 3)]
        [global::TrainDsl.Metric(global::TrainDsl.Recipe.MacroF1)]
        public partial class Everything;

        [global::TrainDsl.Experiment]
        [global::TrainDsl.Data(global::TrainDsl.Recipe.FashionMnist)]
        [global::TrainDsl.Model(global::TrainDsl.Recipe.SmallCnn)]
        [global::TrainDsl.Amp(LowPrecisionEval = true)]
        [global::TrainDsl.Distill(typeof(Everything))]
        [global::TrainDsl.Loss(global::TrainDsl.Recipe.CrossEntropy, LabelSmoothing = 0.1)]
        [global::TrainDsl.Optimizer(global::TrainDsl.Recipe.Lamb)]
        [global::TrainDsl.NoBiasDecay]
        [global::TrainDsl.Schedule(global::TrainDsl.Recipe.Plateau, Monitor = global::TrainDsl.Recipe.Loss)]
        [global::TrainDsl.Metric(global::TrainDsl.Recipe.MacroF1)]
        public partial class Student;

        [global::TrainDsl.Experiment]
        [global::TrainDsl.Data(global::TrainDsl.Recipe.ImageFolder, Path = "pets", Size = 32)]
        [global::TrainDsl.Model(global::TrainDsl.Recipe.ResNet20)]
        [global::TrainDsl.RandomResizedCrop]
        [global::TrainDsl.Optimizer(global::TrainDsl.Recipe.AdamW)]
        [global::TrainDsl.Schedule(global::TrainDsl.Recipe.OneCycle)]
        public partial class Cycle;

        [global::TrainDsl.Experiment]
        [global::TrainDsl.Data(global::TrainDsl.Recipe.Cifar10)]
        [global::TrainDsl.Model(typeof(Tiny))]
        [global::TrainDsl.Optimizer(global::TrainDsl.Recipe.Sgd)]
        [global::TrainDsl.Schedule(global::TrainDsl.Recipe.Step, StepSize = 2)]
        public partial class Stepped;

        [global::TrainDsl.Experiment]
        [global::TrainDsl.Data(global::TrainDsl.Recipe.Mnist)]
        [global::TrainDsl.Model(global::TrainDsl.Recipe.SmallCnn)]
        [global::TrainDsl.MixUp]
        [global::TrainDsl.Optimizer(global::TrainDsl.Recipe.Adam)]
        [global::TrainDsl.Schedule(global::TrainDsl.Recipe.MultiStep, Milestones = new[] { 2 })]
        public partial class MultiStepped;

        [global::TrainDsl.Experiment]
        [global::TrainDsl.Data(global::TrainDsl.Recipe.FashionMnist)]
        [global::TrainDsl.Model(global::TrainDsl.Recipe.Wrn16x2)]
        [global::TrainDsl.Optimizer(global::TrainDsl.Recipe.RmsProp)]
        [global::TrainDsl.Schedule(global::TrainDsl.Recipe.Constant, WarmupEpochs = 1)]
        public partial class Constant;

        public sealed class Tiny : global::TorchSharp.torch.nn.Module<global::TorchSharp.torch.Tensor, global::TorchSharp.torch.Tensor>
        {
            public Tiny(int inChannels, int classes) : base(nameof(Tiny)) => RegisterComponents();

            public override global::TorchSharp.torch.Tensor forward(global::TorchSharp.torch.Tensor input) => input;
        }
        """;

    /// <summary>Every simple name the table's qualified names are made of: ResNet, Tensor, nn, torch, Runs, TrainDsl, System, ...</summary>
    private static IReadOnlyList<string> ShadowNames { get; } =
        Qualified.All.SelectMany(n => n.Split('.')).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>A type of the user's named like each of them, plain and generic (List&lt;T&gt;, KeyValuePair&lt;K, V&gt;).</summary>
    private static string Shadows(string ns)
        => "#pragma warning disable CS8981 // lower-case names: torch, nn, optim\nnamespace " + ns + "\n{\n"
           + string.Concat(ShadowNames.Select(n => $"    public sealed class {n} {{ }}\n    public sealed class {n}<T> {{ }}\n    public sealed class {n}<T, U> {{ }}\n"))
           + "}\n";

    [Fact]
    public async Task Types_of_the_users_named_like_every_type_the_generated_code_names_change_nothing()
    {
        var sources = new[] { Recipes, Shadows("Lab"), Shadows("Shadows"), "global using Shadows;" };
        var run = GeneratorHarness.Run(TestCompilation.Create(OutputKind.ConsoleApplication, sources));

        Assert.Null(run.Result.Exception);
        Assert.True(run.Diagnostics.IsEmpty, string.Join("\n", run.Diagnostics));
        Assert.Equal(["Lab.Constant.g.cs", "Lab.Cycle.g.cs", "Lab.Everything.g.cs", "Lab.MultiStepped.g.cs", "Lab.Stepped.g.cs",
            "Lab.Student.g.cs", "TrainDslProgram.g.cs"], run.Sources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        var compiled = run.OutputCompilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.IsInSource).ToList();
        Assert.True(compiled.Count == 0, string.Join("\n", compiled.Take(10)));
        var analyzer = await AnalyzerRunner.RunAsync(TestCompilation.Create(OutputKind.ConsoleApplication, sources));
        Assert.True(analyzer.Length == 0, string.Join("\n", analyzer));

        // The recipes use every name of the table, so each one is shadowed where it is used.
        var generated = string.Concat(run.Sources.Select(s => s.Text));
        Assert.All(Qualified.All, name => Assert.Contains("global::" + name, generated, StringComparison.Ordinal));
        // No using directive (a using var or using (...) statement is no import).
        Assert.DoesNotMatch(new Regex(@"^\s*(global\s+)?using\s+(?!var\s|\()", RegexOptions.Multiline), generated);
    }

    /// <summary>
    /// In every baseline, each name that binds to a type or namespace outside the user's source starts at <c>global::</c>
    /// (or is a member of one that does), so only the members the generated class declares are found by simple name.
    /// </summary>
    [Fact]
    public void Every_runtime_name_of_the_baselines_starts_at_global()
    {
        var unqualified = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (kind, sources) in BaselineTests.CaseSources.Values)
        {
            var run = GeneratorHarness.Run(TestCompilation.Create(kind, sources));
            foreach (var tree in run.OutputCompilation.SyntaxTrees.Where(t => t.ToString().StartsWith("// <auto-generated/>", StringComparison.Ordinal)))
            {
                var model = run.OutputCompilation.GetSemanticModel(tree);
                foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
                {
                    if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name) continue;
                    if (name.Parent is QualifiedNameSyntax qualified && qualified.Right == name) continue;
                    if (name.Parent is AliasQualifiedNameSyntax) continue;
                    if (name.IsVar) continue;
                    var symbol = model.GetSymbolInfo(name).Symbol;
                    var outside = symbol is INamedTypeSymbol or INamespaceSymbol || symbol is { IsStatic: true, ContainingType: { } t } && !t.Locations.Any(l => l.IsInSource);
                    if (outside && !symbol!.Locations.Any(l => l.IsInSource)) unqualified.Add(name.ToString());
                }
            }
        }

        Assert.True(unqualified.Count == 0, "Unqualified: " + string.Join(", ", unqualified));
    }
}
