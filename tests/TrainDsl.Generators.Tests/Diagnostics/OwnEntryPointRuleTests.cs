using Microsoft.CodeAnalysis;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>
/// TD0042: an entry point of the user's that runs no experiment takes the generated Main's place (issue #15: the console
/// template's leftover Program.cs printed "Hello, World!" and exited 0).
/// </summary>
public sealed class OwnEntryPointRuleTests
{
    private const string Experiment = """
        namespace Lab;

        [Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)]
        public partial class Digits;
        """;

    private static GeneratorHarness Run(OutputKind kind, params string[] sources)
    {
        var run = GeneratorHarness.Run(TestCompilation.Create(kind, sources));
        Assert.Null(run.Result.Exception);
        return run;
    }

    [Fact]
    public void The_console_templates_hello_world_is_TD0042()
    {
        const string program = """
            // See https://aka.ms/new-console-template for more information
            Console.WriteLine("Hello, World!");
            """;
        var run = Run(OutputKind.ConsoleApplication, program, Experiment);

        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "TD0042");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(
            "The program's own top-level code runs no experiment (Digits) but takes the place of the generated command line; "
            + "delete it (for example the console template's Program.cs) so the generated Main runs the experiments, "
            + "or call TrainDsl.Cli.ExperimentCli.Run(args, new E.Runner()) from it",
            diagnostic.GetMessage());
        Assert.Equal("Recipe0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(1, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.DoesNotContain(run.Sources, s => s.HintName == "TrainDslProgram.g.cs");
    }

    [Fact]
    public void A_Main_that_runs_nothing_is_TD0042()
    {
        const string program = "static class Program { static void Main() { System.Console.WriteLine(1); } }";
        var run = Run(OutputKind.ConsoleApplication, program, Experiment);

        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "TD0042");
        Assert.StartsWith("The program's own Main method runs no experiment (Digits)", diagnostic.GetMessage());
    }

    /// <summary>An entry point that trains an experiment or runs the command line is the user's own driver.</summary>
    [Theory]
    [InlineData("var result = Lab.Digits.Train(); Console.WriteLine(result.Final);")]
    [InlineData("return TrainDsl.Cli.ExperimentCli.Run(args, new Lab.Digits.Runner());")]
    [InlineData("static class Program { static void Main() { Lab.Digits.Plan(); } }")]
    public void An_entry_point_that_names_an_experiment_is_fine(string program)
    {
        var run = Run(OutputKind.ConsoleApplication, program, Experiment);

        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "TD0042");
    }

    /// <summary>A library has no entry point to take; a program without experiments has nothing to run.</summary>
    [Fact]
    public void Libraries_and_programs_without_experiments_are_fine()
    {
        const string main = "static class Program { static void Main() { } }";
        Assert.DoesNotContain(Run(OutputKind.DynamicallyLinkedLibrary, main, Experiment).Diagnostics, d => d.Id == "TD0042");
        Assert.DoesNotContain(Run(OutputKind.ConsoleApplication, "Console.WriteLine(1);").Diagnostics, d => d.Id == "TD0042");
    }
}
