using System.Globalization;
using System.Reflection;
using System.Text;

namespace TrainDsl.Generators.Tests.Fuzz;

/// <summary>
/// Writes random experiment declarations as a hostile new user would: every TrainDsl attribute (found by reflection, so a
/// new attribute or option is fuzzed without editing this file) with random constructor and named arguments — reasonable
/// values mostly, edge values, wrong types, PyTorch's names and unknown names sometimes —, dropped and duplicated parts,
/// odd namespaces, keywords, unicode and generated names as class names, nested and generic classes, types of the user's
/// named like the generated code's, and mid-typing edits (the file cut at a random point, a random span deleted).
/// Each declaration is one file in its own root namespace <c>D{index}</c> (or the global namespace when
/// <see cref="FuzzedDeclaration.NeedsOwnCompilation"/>), so several can share a compilation without meeting.
/// </summary>
internal sealed class DeclarationFuzzer(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>
    /// Whether this declaration is hostile (odd names, wrong types, mid-typing edits) or careful (plausible values and names
    /// only), so that enough declarations are valid to test the generated code.
    /// </summary>
    private bool _hostile;

    private static readonly Type[] Attributes = typeof(TrainDsl.ExperimentAttribute).Assembly.GetExportedTypes()
        .Where(t => t.Namespace == "TrainDsl" && t.IsSubclassOf(typeof(Attribute)))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    private static readonly string[] Required = ["Experiment", "Data", "Model", "Optimizer"];

    private static readonly string[] Namespaces =
    [
        "Lab", "Lab", "Lab", "Acme.Vision", "Experiments", "Lab.@struct", "Lab.@class", "@event.Lab", "@class", "Lab.System",
        "Lab.TorchSharp", "Acme.TrainDsl", "TrainDsl", "Lab.Tensor", "Lab.Data", "Lab.Models", "Lab.Café", "Лаборатория",
        "実験", "FashionMnist", "Accuracy", "SmallCnn", "Mnist", "Lab.Recipe", "Config", "Runner", "Lab.Config", "torch", "System",
    ];

    /// <summary>Namespaces that must work: verbatim keywords, names of System, TorchSharp and TrainDsl namespaces, Unicode.</summary>
    private static readonly string[] SafeNamespaces =
        ["Lab", "Acme.Vision", "Lab.@struct", "@event.Lab", "Lab.System", "Lab.TorchSharp", "Acme.TrainDsl", "Lab.Café", "実験", "Lab.Data"];

    private static readonly string[] SafeClassNames = ["E", "E", "E", "Experiment", "Baseline", "Run1", "@class", "Expérience", "実験1", "_"];

    private static readonly string[] ClassNames =
    [
        "E", "E", "E", "Experiment", "Baseline", "Run1", "@class", "@struct", "Config", "Metrics", "Plan", "Train", "Evaluate",
        "Runner", "TrainResult", "Tensor", "Checkpoint", "RunSettings", "TrainDsl", "torch", "var", "TrainDslProgram", "Expérience",
        "Эксперимент", "実験1", "Accuracy", "SmallCnn", "FashionMnist", "Recipe", "BatchLoader", "ConfusionMatrix", "ILrSchedule",
        "System", "TorchSharp", "ExperimentName", "Data", "_", "E\u0301", "MyNet", "Teacher",
    ];

    private static readonly string[] ClassHeads =
    [
        "public partial class", "public partial class", "public partial class", "partial class", "public sealed partial class",
        "internal partial class", "public class", "public partial record", "public partial struct", "public abstract partial class",
        "public static partial class", "file partial class",
    ];

    /// <summary>Members of the experiment class, some named like what the generated code declares.</summary>
    private static readonly string[] Members =
    [
        "public sealed class Config { }", "public const string ExperimentName = \"x\";", "static int CreateModel(int a, int b) => a + b;",
        "const int EvalBatchSize = 3;", "static int DataOptionsFor(int x) => x;", "public int Epochs { get; set; }",
        "public static int Helper() => 1;", "public sealed class Tensor { }", "private int Train;", "public sealed class BatchLoader { }",
        "public interface ILrSchedule { }", "public static void Plan(int x) { }", "public string Name => \"n\";",
        "public static TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> Build(int inChannels, int classes) => new MyNet(inChannels, classes);",
        "public static int NotAModel() => 3;",
        "public sealed class ConfusionMatrix { }", "public static int torch = 1;", "public sealed class Checkpoint { }",
    ];

    /// <summary>Types of the user's in the declaration's namespace: what the recipe may name, and names the generated code uses.</summary>
    private static readonly string[] Extras =
    [
        """
        public sealed class MyNet : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
        {
            public MyNet(int inChannels, int classes) : base(nameof(MyNet)) => RegisterComponents();
            public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor input) => input;
        }
        """,
        """
        public sealed class MySource : TrainDsl.Data.IDataSource
        {
            public string Name => "Mine";
            public IReadOnlyList<string> ClassNames => ["a", "b"];
            public int TrainSizeFor(TrainDsl.Data.DataOptions options) => 0;
            public TrainDsl.Data.DatasetSplits Load(TrainDsl.Data.DataOptions options) => throw new NotSupportedException();
        }
        """,
        "[Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)] public partial class Teacher;",
        "public sealed class Tensor { }", "public sealed class BatchLoader { }", "public sealed class ConfusionMatrix { }",
        "public interface ILrSchedule { }", "public sealed class Checkpoint { }", "public sealed class Accuracy { }",
        "public static class FashionMnist { }", "public sealed class RunSettings { }", "public sealed class SmallCnn { }",
        "public sealed class Math { }", "public sealed class List<T> { }", "public sealed class CultureInfo { }",
        "namespace System { }", "public sealed class TorchRuntime { }", "public enum Recipe { A }",
    ];

    private static readonly string[] PyTorchNames =
    [
        "lr", "gamma", "weight_decay", "label_smoothing", "T_max", "eta_min", "momentum", "step_size", "milestones", "betas",
        "eps", "alpha", "nesterov", "epochs", "batch_size", "num_classes", "max_lr", "pct_start", "patience", "factor",
    ];

    public FuzzedDeclaration Next(int index)
    {
        _hostile = Chance(0.55);
        var global = Chance(0.02);
        var ownMain = Hazard(0.02);
        var ns = global ? null : "D" + index.ToString(CultureInfo.InvariantCulture) + (Chance(0.6) ? "." + Pick(_hostile ? Namespaces : SafeNamespaces) : "");
        var text = new StringBuilder();
        if (ns is not null) text.Append("namespace ").Append(ns).Append(";\n\n");
        if (Chance(0.2)) text.Append("using TorchSharp;\n");
        if (Chance(0.1)) text.Append("using static TorchSharp.torch;\n");
        text.Append('\n');
        // The console template's Program.cs: top-level code (before any type, so only in the global namespace) or a Main.
        if (ownMain) text.Append(global ? "System.Console.WriteLine(\"Hello, World!\");\n\n" : "static class Program { static void Main() { System.Console.WriteLine(1); } }\n");

        foreach (var extra in Extras.Skip(3).Where(_ => Hazard(0.05)))
        {
            // A namespace block needs a file-scoped namespace's absence; keep it only at the global level.
            if (extra.StartsWith("namespace", StringComparison.Ordinal) && ns is not null) continue;
            text.Append(extra).Append('\n');
        }
        // Most declarations can name the user types they use: a model, a data source, a teacher experiment.
        if (!Hazard(0.2)) text.Append(Extras[0]).Append('\n');
        if (!Hazard(0.2)) text.Append(Extras[1]).Append('\n');
        if (!Hazard(0.2)) text.Append(Extras[2]).Append('\n');

        var nested = Hazard(0.04);
        if (nested) text.Append("public partial class Outer\n{\n");
        var className = _hostile && Chance(0.4) ? Pick(ClassNames) : Pick(SafeClassNames);
        var attributes = Attributes.SelectMany(AttributeTexts).OrderBy(_ => _random.Next()).ToList();
        if (attributes.Count > 0 && Chance(0.2))
        {
            // Two attributes in one list: [Data(...), Model(...)].
            var first = attributes[0];
            attributes[0] = first.TrimEnd(']') + ", " + attributes[^1].TrimStart('[');
            attributes.RemoveAt(attributes.Count - 1);
        }
        foreach (var attribute in attributes) text.Append(attribute).Append('\n');
        text.Append(Hazard(0.2) ? Pick(ClassHeads) : ClassHeads[0]).Append(' ').Append(className);
        if (Hazard(0.03)) text.Append("<T>");
        if (Hazard(0.5)) text.Append(";\n");
        else
        {
            text.Append("\n{\n");
            foreach (var member in Members.Where(_ => Hazard(0.04))) text.Append("    ").Append(member).Append('\n');
            if (!Hazard(0.2)) text.Append("    ").Append(Members[13]).Append('\n'); // Build, a model factory
            text.Append("}\n");
        }
        if (nested) text.Append("}\n");

        var source = text.ToString();
        var edit = "";
        var start = ns is null ? 0 : source.IndexOf('\n', StringComparison.Ordinal) + 1;
        if (Hazard(0.45))
        {
            // Mid-typing: the file as it is while the declaration is being written.
            var cut = _random.Next(start, source.Length + 1);
            source = source[..cut];
            edit = "cut at " + cut.ToString(CultureInfo.InvariantCulture);
        }
        else if (Hazard(0.1) && source.Length > start + 1)
        {
            var at = _random.Next(start, source.Length - 1);
            var length = Math.Min(_random.Next(1, 12), source.Length - at);
            source = source.Remove(at, length);
            edit = "deleted " + length.ToString(CultureInfo.InvariantCulture) + " at " + at.ToString(CultureInfo.InvariantCulture);
        }
        return new FuzzedDeclaration(index, ns, source, edit, NeedsOwnCompilation: global || ownMain);
    }

    /// <summary>Zero, one or (sometimes) two applications of <paramref name="attribute"/>.</summary>
    private IEnumerable<string> AttributeTexts(Type attribute)
    {
        var name = attribute.Name[..^"Attribute".Length];
        var required = Required.Contains(name);
        var count = required ? (Hazard(0.1) ? 0 : 1) : (Chance(0.15) ? 1 : 0);
        if (count == 1 && Hazard(0.05)) count = 2;
        for (var i = 0; i < count; i++) yield return Application(attribute, name);
    }

    private string Application(Type attribute, string name)
    {
        var arguments = new List<string>();
        var constructors = attribute.GetConstructors();
        if (constructors.Length > 0)
        {
            var constructor = constructors[_random.Next(constructors.Length)];
            foreach (var parameter in constructor.GetParameters())
            {
                if (Hazard(0.03)) continue; // a positional argument left out
                arguments.Add(Value(parameter.ParameterType, parameter.Name ?? ""));
            }
            if (Hazard(0.02)) arguments.Add(Value(typeof(int), ""));
        }
        var properties = attribute.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }).ToArray();
        foreach (var property in properties.Where(_ => Chance(0.12)))
        {
            var optionName = !Hazard(0.15) ? property.Name : Chance(0.5) ? SnakeCase(property.Name) : Pick(PyTorchNames);
            arguments.Add(optionName + " = " + Value(property.PropertyType, property.Name));
            if (Hazard(0.02)) arguments.Add(optionName + " = " + Value(property.PropertyType, property.Name)); // named twice
        }
        if (Hazard(0.04)) arguments.Add(Pick(PyTorchNames) + " = " + Value(typeof(double), ""));
        if (Hazard(0.02)) arguments.Add("Foo = 1");
        var list = arguments.Count > 0 || Chance(0.1) ? "(" + string.Join(", ", arguments) + ")" : "";
        return "[" + (Chance(0.05) ? name + "Attribute" : name) + list + "]";
    }

    private string Value(Type type, string name)
    {
        if (Hazard(0.05)) type = Pick([typeof(int), typeof(double), typeof(string), typeof(bool), typeof(Type), typeof(DatasetKind), typeof(int[])]);
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsEnum) return EnumValue(underlying);
        if (underlying == typeof(int)) return !Hazard(0.35) ? Pick(["1", "2", "3", "5", "10", "16", "32", "64", "100", "128", "200"]) : Pick(["0", "-1", "int.MaxValue", "1_000_000", "9", "11", "256", "(int)2.5"]);
        if (underlying == typeof(double)) return !Hazard(0.35) ? Pick(["0.1", "0.01", "0.5", "0.9", "1e-3", "5e-4", "2", "0.25", "0.2", "1"]) : Pick(["0", "-1", "double.NaN", "double.PositiveInfinity", "1e6", "1e-300", "1.5", "-0.0", "2f", "3"]);
        if (underlying == typeof(bool)) return Pick(["true", "false"]);
        if (underlying == typeof(string))
        {
            // nameof(...) for a model factory; paths, escapes and Unicode line terminators for the rest.
            if (name == "factoryMethod") return _hostile ? Pick(["nameof(Build)", "\"Build\"", "nameof(NotAModel)", "\"Missing\"", "null"]) : "nameof(Build)";
            if (!_hostile) return Pick(["\"x\"", "\"data\"", "\"runs/teacher.bin\"", "\"a\\u2028b\\u2029c\\u0085d\"", "\"\\\"quoted\\\"\"", "@\"C:\\path\"", "\"é ü 実\"", "\"{0}\""]);
            return Pick(["\"x\"", "\"data\"", "\"runs/teacher.bin\"", "\"\"", "\"a\\u2028b\\u2029c\\u0085d\"", "\"\\\"quoted\\\"\"", "@\"C:\\path\"", "\"é ü 実\"", "\"{0}\"", "null", "\"\\n\\r\\t\""]);
        }
        if (underlying == typeof(int[]) && !_hostile) return Pick(["new[] { 3, 6 }", "new[] { 1 }", "new[] { 2, 4, 8 }", "[1, 2]"]);
        if (underlying == typeof(double[]) && !_hostile) return Pick(["new[] { 0.25, 0.75 }", "new[] { " + string.Join(", ", Enumerable.Repeat("1.0", 10)) + " }"]);
        if (underlying == typeof(int[])) return Pick(["new[] { 3, 6 }", "new[] { 1 }", "new int[0]", "new[] { 5, 2 }", "new[] { -1 }", "null", "new[] { 2, 4, 8 }", "[1, 2]"]);
        if (underlying == typeof(double[])) return Pick(["new[] { 0.25, 0.75 }", "new[] { " + string.Join(", ", Enumerable.Repeat("1.0", 10)) + " }", "new double[0]", "new[] { double.NaN }", "null", "new[] { 1.0, 2.0, 3.0 }"]);
        if (underlying == typeof(Type) && !_hostile)
        {
            return name switch { "type" => "typeof(MyNet)", "source" => "typeof(MySource)", _ => Pick(["typeof(Teacher)", "typeof(MyNet)"]) };
        }
        if (underlying == typeof(Type)) return Pick(["typeof(MyNet)", "typeof(Teacher)", "typeof(E)", "typeof(int)", "typeof(MySource)", "null", "typeof(List<>)"]);
        return "default";
    }

    private string EnumValue(Type type)
    {
        var names = Enum.GetNames(type);
        var word = Pick(names);
        return (_hostile ? _random.Next(100) : _random.Next(90)) switch
        {
            < 80 => word,
            < 86 => "Recipe." + word,
            < 90 => type.Name + "." + word,
            < 93 => "(" + type.Name + ")99",
            < 96 => Pick(Enum.GetNames(Pick([typeof(DatasetKind), typeof(ModelKind), typeof(MetricKind), typeof(LossKind), typeof(ScheduleKind)]))),
            _ => Pick(["1", "\"" + word + "\"", "default", "null"]),
        };
    }

    private static string SnakeCase(string name)
        => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private bool Chance(double p) => _random.NextDouble() < p;

    /// <summary>A hazard: only in a hostile declaration.</summary>
    private bool Hazard(double p) => _hostile && Chance(p);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}

/// <summary>One fuzzed declaration: its file's text and how it was edited.</summary>
/// <param name="Namespace">Its root namespace D{index}…, or null in the global namespace.</param>
/// <param name="Edit">The mid-typing edit applied, or empty.</param>
/// <param name="NeedsOwnCompilation">Global types or top-level code would meet the other declarations of a shared compilation.</param>
internal sealed record FuzzedDeclaration(int Index, string? Namespace, string Source, string Edit, bool NeedsOwnCompilation)
{
    public string FilePath => "D" + Index.ToString(CultureInfo.InvariantCulture) + ".cs";

    /// <summary>The text without its index, to count distinct declarations.</summary>
    public string Body => Namespace is null ? Source : Source.Replace("D" + Index.ToString(CultureInfo.InvariantCulture), "D", StringComparison.Ordinal);
}
