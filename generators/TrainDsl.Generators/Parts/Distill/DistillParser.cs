using System.Linq;
using Microsoft.CodeAnalysis;

namespace TrainDsl.Generators.Parts.Distill;

/// <summary>Reads <c>[Distill(typeof(T), ...)]</c>: what the teacher type is, and its options.</summary>
internal static class DistillParser
{
    public static DistillPart Parse(INamedTypeSymbol experiment, AttributeArguments args)
    {
        TeacherInfo? teacher = null;
        LocationInfo? location = null;
        if (args.TryGetPositional(0, out var value, out location) && value.Kind == TypedConstantKind.Type
            && value.Value is ITypeSymbol type and not IErrorTypeSymbol)
        {
            teacher = ParseTeacher(experiment, type);
        }
        else
        {
            args.MarkMalformed();
        }
        return new DistillPart(teacher, args.String(nameof(DistillPart.Checkpoint)), args.Double(nameof(DistillPart.Temperature)), args.Double(nameof(DistillPart.Alpha)), location, args.Attribute);
    }

    private static TeacherInfo ParseTeacher(INamedTypeSymbol experiment, ITypeSymbol type)
    {
        var fullyQualified = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var display = type.ToDisplayString();
        if (SymbolEqualityComparer.Default.Equals(type, experiment))
            return new TeacherInfo(fullyQualified, display, type.Name, TeacherKind.Self, ModelTypeProblem.None, ModelArguments.None, null);
        if (type is INamedTypeSymbol named && ExperimentInheritance.Chain(named).Root is not null)
            return new TeacherInfo(fullyQualified, display, type.Name, TeacherKind.Experiment, ModelTypeProblem.None, ModelArguments.ChannelsAndClasses, DatasetOf(named));

        var model = ModelSymbols.ParseModelType(type);
        var kind = model.Problem == ModelTypeProblem.NotAModule ? TeacherKind.Neither : TeacherKind.Module;
        return new TeacherInfo(fullyQualified, display, type.Name, kind, model.Problem, model.Arguments, null);
    }

    /// <summary>The dataset of another experiment's [Data] (its own, else the nearest base's), when it is written as a plain value.</summary>
    private static DatasetKind? DatasetOf(INamedTypeSymbol experiment)
    {
        foreach (var attribute in ExperimentInheritance.Chain(experiment).Types.SelectMany(t => t.GetAttributes()))
        {
            if (attribute.AttributeClass is { } c && MetadataNames.Of(c) == MetadataNames.Data
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0] is { Kind: TypedConstantKind.Enum, Value: int dataset })
            {
                return (DatasetKind)dataset;
            }
            if (attribute.AttributeClass is { } data && MetadataNames.Of(data) == MetadataNames.Data) return null; // not a plain value
        }
        return null;
    }

}
