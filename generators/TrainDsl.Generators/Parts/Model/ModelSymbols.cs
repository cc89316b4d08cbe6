using System.Linq;
using Microsoft.CodeAnalysis;

namespace TrainDsl.Generators.Parts.Model;

/// <summary>
/// Reads what a type or method symbol is as a network: the <c>[Model]</c> argument, and the
/// <c>[Distill]</c> teacher when it is a module type. The only place of this slice that reads symbols.
/// </summary>
internal static class ModelSymbols
{
    public static ModelPart Parse(INamedTypeSymbol experiment, AttributeArguments args)
    {
        if (!args.TryGetPositional(0, out var value, out var location))
        {
            return new ModelPart(args.PositionalEnum<ModelKind>(0), null, null, null, args.Attribute); // marks malformed
        }

        switch (value.Kind)
        {
            case TypedConstantKind.Enum:
                return new ModelPart(args.PositionalEnum<ModelKind>(0), null, null, location, args.Attribute);
            case TypedConstantKind.Type when value.Value is ITypeSymbol type and not IErrorTypeSymbol:
                return new ModelPart(null, ParseModelType(type), null, location, args.Attribute);
            case TypedConstantKind.Primitive when value.Value is string name || value.IsNull:
                // Found by the fuzz test: a factory declared twice with one signature (CS0111) made the generated call
                // ambiguous; the compiler's error stands alone and nothing is generated.
                if (HasDuplicateSignatures(experiment, value.Value as string ?? "")) args.MarkMalformed();
                return new ModelPart(null, null, ParseFactory(experiment, value.Value as string ?? ""), location, args.Attribute);
            default:
                return new ModelPart(args.PositionalEnum<ModelKind>(0), null, null, location, args.Attribute); // marks malformed
        }
    }

    public static ModelTypeInfo ParseModelType(ITypeSymbol type)
    {
        var fullyQualified = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var display = type.ToDisplayString();
        var named = type as INamedTypeSymbol;

        ModelTypeProblem problem;
        var arguments = ModelArguments.ChannelsAndClasses;
        if (named is { IsUnboundGenericType: true })
        {
            problem = ModelTypeProblem.OpenGeneric;
        }
        else if (named is null || named.TypeKind != TypeKind.Class || !MetadataNames.IsTensorModule(named))
        {
            problem = ModelTypeProblem.NotAModule;
        }
        else if (named.IsAbstract)
        {
            problem = ModelTypeProblem.Abstract;
        }
        else
        {
            var constructors = named.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();
            if (constructors.Any(IsChannelsAndClasses))
            {
                problem = ModelTypeProblem.None;
            }
            else if (constructors.Any(c => c.Parameters.Length == 0))
            {
                problem = ModelTypeProblem.None;
                arguments = ModelArguments.None;
            }
            else
            {
                problem = ModelTypeProblem.NoUsableConstructor;
            }
        }
        return new ModelTypeInfo(fullyQualified, display, type.Name, problem, arguments, MetadataNames.HasResidualNorms(type));
    }

    private static bool HasDuplicateSignatures(INamedTypeSymbol experiment, string name)
    {
        var methods = experiment.GetMembers(name).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
        return methods.Select(m => string.Join(",", m.Parameters.Select(p => p.Type.ToDisplayString()))).Distinct().Count() < methods.Count;
    }

    private static FactoryMethodInfo ParseFactory(INamedTypeSymbol experiment, string name)
    {
        var candidates = experiment.GetMembers(name).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
        if (candidates.Count == 0) return new FactoryMethodInfo(name, FactoryMethodProblem.NotFound, ModelArguments.None, false);

        var statics = candidates.Where(m => m.IsStatic).ToList();
        if (statics.Count == 0) return new FactoryMethodInfo(name, FactoryMethodProblem.NotStatic, ModelArguments.None, false);

        var returningModule = statics.Where(m => MetadataNames.IsTensorModule(m.ReturnType)).ToList();
        if (returningModule.Count == 0) return new FactoryMethodInfo(name, FactoryMethodProblem.WrongReturnType, ModelArguments.None, false);

        var chosen =
            returningModule.FirstOrDefault(m => !m.IsGenericMethod && IsChannelsAndClasses(m)) ??
            returningModule.FirstOrDefault(m => !m.IsGenericMethod && m.Parameters.Length == 0);
        if (chosen is null) return new FactoryMethodInfo(name, FactoryMethodProblem.WrongParameters, ModelArguments.None, false);
        var arguments = chosen.Parameters.Length == 0 ? ModelArguments.None : ModelArguments.ChannelsAndClasses;
        var residual = MetadataNames.HasResidualNorms(chosen.ReturnType);

        // The generated CreateModel(int, int) would clash with a factory of the same name and shape.
        if (name == "CreateModel" && arguments == ModelArguments.ChannelsAndClasses) return new FactoryMethodInfo(name, FactoryMethodProblem.NameTaken, arguments, residual);

        return new FactoryMethodInfo(name, FactoryMethodProblem.None, arguments, residual);
    }

    public static bool IsChannelsAndClasses(IMethodSymbol method)
        => method.Parameters.Length == 2
           && method.Parameters.All(p => p.Type.SpecialType == SpecialType.System_Int32 && p.RefKind == RefKind.None);
}
