using System.Reflection;
using Microsoft.CodeAnalysis;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests;

/// <summary>
/// Every public settable property of every runtime attribute is read by the generator: written on a recipe, it
/// arrives in the parsed declaration under the same name. A property added to an attribute without a line in its
/// part's Parse fails here instead of being silently ignored.
/// </summary>
public sealed class AttributeCoverageTests
{
    /// <summary>Each attribute's positional arguments, so the declaration is valid apart from the property under test.</summary>
    private static readonly Dictionary<string, string> Positional = new()
    {
        ["Data"] = "ImageFolder", // the kind that takes every [Data] option
        ["Model"] = "SmallCnn",
        ["Loss"] = "Focal",
        ["Optimizer"] = "Sgd",
        ["Schedule"] = "Cosine",
        ["Metric"] = "TopK",
        ["Distill"] = "typeof(Teacher)",
    };

    public static TheoryData<string, string> Properties()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in typeof(TrainDsl.ExperimentAttribute).Assembly.GetExportedTypes()
                     .Where(t => t.Namespace == "TrainDsl" && t.IsSubclassOf(typeof(Attribute))).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
                data.Add(type.Name[..^"Attribute".Length], property.Name);
        }
        return data;
    }

    [Fact]
    public void The_runtime_attributes_have_properties_to_cover()
        => Assert.True(Properties().Count() >= 40, "the reflection found too few attribute properties: " + Properties().Count());

    [Theory]
    [MemberData(nameof(Properties))]
    public void The_generator_reads_every_attribute_property(string attribute, string property)
    {
        var runtimeType = typeof(TrainDsl.ExperimentAttribute).Assembly.GetType("TrainDsl." + attribute + "Attribute")!;
        var value = Literal(runtimeType.GetProperty(property)!.PropertyType, property);
        var arguments = (Positional.TryGetValue(attribute, out var positional) ? positional + ", " : "") + property + " = " + value;
        var declared = attribute == "Experiment" ? "[Experiment(" + arguments + ")]" : "[Experiment]\n[" + attribute + "(" + arguments + ")]";
        var source = $$"""
            {{declared}}
            {{(attribute == "Data" ? "" : "[Data(FashionMnist)]")}}
            {{(attribute == "Model" ? "" : "[Model(SmallCnn)]")}}
            {{(attribute == "Optimizer" ? "" : "[Optimizer(Sgd)]")}}
            public partial class E { }

            [Experiment] [Data(FashionMnist)] [Model(SmallCnn)] [Optimizer(Sgd)]
            public partial class Teacher { }
            """;
        var compilation = TestCompilation.Create(source);
        var type = compilation.GetTypeByMetadataName("E")!;

        var declaration = ExperimentParser.Parse(type, CancellationToken.None)!;

        Assert.False(declaration.HasMalformedAttribute, source);
        var part = PartOf(declaration, attribute);
        var read = part.GetType().GetProperty(property)?.GetValue(part);
        Assert.True(read is IArgument, $"[{attribute}({property} = ..)] is not read into the declaration's {part.GetType().Name}.{property}");
    }

    /// <summary>The declaration's record for an attribute: [Metric] and the mixing methods are lists, the rest single parts.</summary>
    private static object PartOf(ExperimentDeclaration declaration, string attribute) => attribute switch
    {
        "Metric" => declaration.Metrics.Single(),
        "MixUp" or "CutMix" or "FMix" => declaration.MixMethods.Single(),
        _ => typeof(ExperimentDeclaration).GetProperty(attribute)!.GetValue(declaration)
             ?? throw new InvalidOperationException("[" + attribute + "] was not parsed at all"),
    };

    /// <summary>A valid value of the property's type (the rules may still warn; the test reads the parse only).</summary>
    private static string Literal(Type type, string property) => type switch
    {
        _ when type == typeof(int) => property == "Channels" ? "1" : "2",
        _ when type == typeof(double) => property == "Imbalance" ? "10" : "0.25",
        _ when type == typeof(bool) => "true",
        _ when type == typeof(string) => "\"teacher.bin\"",
        _ when type == typeof(int[]) => "new[] { 2 }",
        _ when type == typeof(double[]) => "new[] { 1.0 }",
        _ when type.IsEnum => type.Name + "." + Enum.GetNames(type)[^1],
        _ => throw new InvalidOperationException($"no literal for {type.Name} properties: extend the test"),
    };
}
