using System.Linq;
using Microsoft.CodeAnalysis;

namespace TrainDsl.Generators.Parts.Data;

/// <summary>Reads <c>[Data(..)]</c>: a built-in dataset, or a <c>typeof(T)</c> and whether the generated code can create it.</summary>
internal static class DataParser
{
    public static DataPart Parse(AttributeArguments args)
    {
        Argument<DatasetKind>? dataset = null;
        DataSourceTypeInfo? source = null;
        LocationInfo? location = null;
        if (args.TryGetPositional(0, out var value, out location)
            && value.Kind == TypedConstantKind.Type && value.Value is ITypeSymbol type and not IErrorTypeSymbol)
        {
            source = ParseSourceType(type);
        }
        else if (args.TryGetPositional(0, out value, out location) && value.Kind == TypedConstantKind.Type && value.IsNull)
        {
            // [Data(null)] compiles (a null Type) but names no source; found by the fuzz test, it got no diagnostic at all.
            source = new DataSourceTypeInfo("null", "null", "null", DataSourceTypeProblem.NotADataSource);
        }
        else
        {
            dataset = args.PositionalEnum<DatasetKind>(0); // marks the attribute malformed when it is no dataset
        }
        return new DataPart(dataset, source, args.Int(nameof(DataPart.TrainLimit)), args.Int(nameof(DataPart.TestLimit)),
            args.Double(nameof(DataPart.Imbalance)), args.Double(nameof(DataPart.Validation)), args.String(nameof(DataPart.Path)), args.Int(nameof(DataPart.Size)),
            args.Int(nameof(DataPart.Channels)), args.Double(nameof(DataPart.TestFraction)), args.Enum<BadImagePolicy>(nameof(DataPart.BadImages)),
            location, args.Attribute);
    }

    public static DataSourceTypeInfo ParseSourceType(ITypeSymbol type)
    {
        var named = type as INamedTypeSymbol;
        var problem = DataSourceTypeProblem.None;
        if (named is { IsUnboundGenericType: true })
        {
            problem = DataSourceTypeProblem.OpenGeneric;
        }
        else if (named is null || !IsDataSource(named))
        {
            problem = DataSourceTypeProblem.NotADataSource;
        }
        else if (named.TypeKind == TypeKind.Interface)
        {
            problem = DataSourceTypeProblem.Interface;
        }
        else if (named.IsAbstract)
        {
            problem = DataSourceTypeProblem.Abstract;
        }
        else if (named.TypeKind == TypeKind.Class && !named.InstanceConstructors.Any(IsPublicParameterless))
        {
            problem = DataSourceTypeProblem.NoPublicParameterlessConstructor; // a struct always has one
        }
        return new DataSourceTypeInfo(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), type.ToDisplayString(), type.Name, problem);
    }

    /// <summary>TrainDsl.Data.IDataSource itself, or a type that implements it.</summary>
    private static bool IsDataSource(INamedTypeSymbol type)
        => MetadataNames.Of(type) == MetadataNames.DataSource || type.AllInterfaces.Any(i => MetadataNames.Of(i) == MetadataNames.DataSource);

    /// <summary>A constructor <c>new T()</c> calls from the generated code.</summary>
    private static bool IsPublicParameterless(IMethodSymbol constructor)
        => constructor.DeclaredAccessibility == Accessibility.Public && constructor.Parameters.All(p => p.IsOptional);
}
