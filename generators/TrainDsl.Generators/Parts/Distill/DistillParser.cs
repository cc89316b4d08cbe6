using System.Collections.Generic;
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
        else if (location is not null && value.Kind == TypedConstantKind.Type && value.IsNull)
        {
            // [Distill(null)] compiles; found by the fuzz test, it got neither code nor a diagnostic.
            teacher = new TeacherInfo("null", "null", "null", TeacherKind.Neither, ModelTypeProblem.NotAModule, ModelArguments.None, null);
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
        {
            var experimentKind = HasErrors(named) ? TeacherKind.BrokenExperiment : TeacherKind.Experiment;
            return new TeacherInfo(fullyQualified, display, type.Name, experimentKind, ModelTypeProblem.None, ModelArguments.ChannelsAndClasses, DatasetOf(named));
        }

        var model = ModelSymbols.ParseModelType(type);
        var kind = model.Problem == ModelTypeProblem.NotAModule ? TeacherKind.Neither : TeacherKind.Module;
        return new TeacherInfo(fullyQualified, display, type.Name, kind, model.Problem, model.Arguments, null);
    }

    /// <summary>Teachers being checked on this thread: a cycle of teachers (A distills from B, B from A) ends here.</summary>
    [System.ThreadStatic] private static HashSet<ISymbol>? checking;

    /// <summary>
    /// Whether a teacher experiment has recipe errors of its own, so nothing is generated for it (found by the fuzz test: a
    /// teacher whose [Data] word a type of the user's hides left the student's generated code calling a CreateModel that
    /// does not exist).
    /// </summary>
    private static bool HasErrors(INamedTypeSymbol teacher)
    {
        checking ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        if (!checking.Add(teacher)) return false; // in a cycle, each experiment's own rules report it
        try
        {
            return ExperimentParser.Parse(teacher, System.Threading.CancellationToken.None) is not { } declaration
                   || declaration.HasMalformedAttribute || RecipeRules.Check(declaration).Any(d => d.IsError);
        }
        finally
        {
            checking.Remove(teacher);
        }
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
