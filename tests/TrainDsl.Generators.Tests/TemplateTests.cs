using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests;

/// <summary>
/// <c>dotnet new traindsl -n Name</c> makes a namespace that hides no recipe word (issue #15: <c>-n FashionMnist</c> gave a
/// namespace FashionMnist, and <c>[Data(FashionMnist)]</c> CS0118). The template's ExperimentNamespace symbol turns the name
/// into a namespace; these tests run the real <c>dotnet new</c> in a private template hive and compile what it writes.
/// </summary>
public sealed class TemplateTests(TemplateTests.TemplateHive hive) : IClassFixture<TemplateTests.TemplateHive>
{
    private static string TemplateFolder([CallerFilePath] string path = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", "templates", "content", "traindsl"));

    private static JsonElement NamespaceSteps()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TemplateFolder(), ".template.config", "template.json")));
        return json.RootElement.GetProperty("symbols").GetProperty("ExperimentNamespace").GetProperty("parameters").GetProperty("steps").Clone();
    }

    /// <summary>The names the template renames are the recipe words, the attributes' names and Recipe, and C#'s keywords.</summary>
    [Fact]
    public void The_template_renames_every_recipe_word_attribute_and_keyword()
    {
        var steps = NamespaceSteps().EnumerateArray().Select(s => s.GetProperty("regex").GetString()!).ToList();
        static IEnumerable<string> Alternatives(string regex)
            => Regex.Match(regex, @"^\(\^\|\\\.\)\(([^)]*)\)\(\?=\\\.\|\$\)$").Groups[1].Value.Split('|');

        var attributes = typeof(TrainDsl.ExperimentAttribute).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "TrainDsl" && t.IsSubclassOf(typeof(Attribute)))
            .Select(t => t.Name[..^"Attribute".Length]);
        var expected = RecipeWords.All.Concat(attributes).Append("Recipe").Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(expected, Alternatives(steps[2]).Order(StringComparer.Ordinal));

        var keywords = SyntaxFacts.GetKeywordKinds().Where(SyntaxFacts.IsReservedKeyword).Select(SyntaxFacts.GetText).Order(StringComparer.Ordinal);
        Assert.Equal(keywords, Alternatives(steps[3]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("FashionMnist", "FashionMnistExperiments")]
    [InlineData("Mnist", "MnistExperiments")]
    [InlineData("Accuracy", "AccuracyExperiments")]
    [InlineData("SmallCnn", "SmallCnnExperiments")]
    [InlineData("Experiment", "ExperimentExperiments")]
    [InlineData("Acme.Data.Lab", "Acme.DataExperiments.Lab")]
    [InlineData("my-app.class", "my_app.@class")]
    [InlineData("3d", "_3d")]
    [InlineData("FashionMnistLab", "FashionMnistLab")]
    public void Dotnet_new_makes_a_project_that_builds(string name, string expectedNamespace)
    {
        var output = Path.Combine(hive.Folder, "out", Guid.NewGuid().ToString("N"));
        DotnetNew("traindsl", "-n", name, "-o", output);

        var source = File.ReadAllText(Path.Combine(output, "Experiment.cs"));
        Assert.StartsWith("namespace " + expectedNamespace + ";", source, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, name + ".csproj")), "the project keeps the name given: " + name + ".csproj");

        var run = GeneratorHarness.Run(TestCompilation.Create(OutputKind.ConsoleApplication, source));
        Assert.Null(run.Result.Exception);
        Assert.Empty(run.Diagnostics);
        Assert.Contains(run.Sources, s => s.HintName.EndsWith(".Experiment.g.cs", StringComparison.Ordinal));
        var problems = run.OutputCompilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Take(5)));
    }

    /// <summary>A private template hive with the template installed from the source folder, deleted after the tests.</summary>
    public sealed class TemplateHive : IDisposable
    {
        public TemplateHive()
        {
            Directory.CreateDirectory(Folder);
            RunDotnet(Folder, "new", "install", TemplateFolder(), "--debug:custom-hive", Folder);
        }

        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "traindsl-template-tests-" + Guid.NewGuid().ToString("N"));

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }

    private void DotnetNew(params string[] args) => RunDotnet(hive.Folder, ["new", .. args, "--debug:custom-hive", hive.Folder]);

    private static void RunDotnet(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "dotnet " + string.Join(' ', args) + " did not finish");
        Assert.True(process.ExitCode == 0, "dotnet " + string.Join(' ', args) + " failed: " + stdout.Result + stderr);
    }
}
