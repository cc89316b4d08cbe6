using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Data;

/// <summary>TD0027: a <c>[Data(typeof(T))]</c> type must implement IDataSource and be constructible with <c>new T()</c>.</summary>
internal static class DataSourceRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        if (declaration.Data is not { Source: { Problem: not DataSourceTypeProblem.None } source } data) return;
        var problem = source.Problem switch
        {
            DataSourceTypeProblem.NotADataSource => "does not implement TrainDsl.Data.IDataSource",
            DataSourceTypeProblem.Interface => "is an interface",
            DataSourceTypeProblem.Abstract => "is abstract",
            DataSourceTypeProblem.OpenGeneric => "is an open generic type",
            _ => "has no public parameterless constructor",
        };
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDataSource, data.Argument, source.DisplayName, problem));
    }
}
