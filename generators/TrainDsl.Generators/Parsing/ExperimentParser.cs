using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TrainDsl.Generators.Model;

namespace TrainDsl.Generators.Parsing;

/// <summary>
/// Turns an <c>[Experiment]</c> class symbol into an <see cref="ExperimentDeclaration"/>: the only
/// place that reads symbols and attribute data. The analyzer and the generator both call it, so they
/// see the same recipe.
/// </summary>
internal static class ExperimentParser
{
    /// <summary>The declaration, or null when <paramref name="type"/> carries no <c>[Experiment]</c>.</summary>
    public static ExperimentDeclaration? Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        AttributeData? experimentData = null;
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is { } c && MetadataNames.Of(c) == MetadataNames.Experiment)
            {
                experimentData = attribute;
                break;
            }
        }
        if (experimentData is null || type.Name.Length == 0) return null; // no name: a syntax error the compiler reports

        var malformed = false;
        var experiment = new AttributeArguments(experimentData, cancellationToken);
        DataPart? data = null;
        ModelPart? model = null;
        LossPart? loss = null;
        OptimizerPart? optimizer = null;
        SchedulePart? schedule = null;
        var metrics = new List<MetricPart>();
        RandomCropPart? randomCrop = null;
        HorizontalFlipPart? horizontalFlip = null;
        var mixMethods = new List<MixMethodPart>();
        MixingPart? mixing = null;
        DistillPart? distill = null;
        TrickPart? zeroGamma = null;
        TrickPart? noBiasDecay = null;
        AmpPart? amp = null;

        foreach (var attribute in type.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (attribute.AttributeClass is not { } attributeClass) continue;
            var name = MetadataNames.Of(attributeClass);
            if (!name.StartsWith("TrainDsl.", System.StringComparison.Ordinal)) continue;

            var args = new AttributeArguments(attribute, cancellationToken);
            switch (name)
            {
                case MetadataNames.Data:
                    data ??= new DataPart(
                        args.PositionalEnum<DatasetKind>(0), args.Int("TrainLimit"), args.Int("TestLimit"), args.Double("Imbalance"), args.Attribute);
                    break;
                case MetadataNames.Model:
                    model ??= ParseModel(type, args);
                    break;
                case MetadataNames.Loss:
                    loss ??= new LossPart(
                        args.PositionalEnum<LossKind>(0), args.Double("Gamma"), args.DoubleArray("Alpha"), args.Double("LabelSmoothing"), args.Attribute);
                    break;
                case MetadataNames.Optimizer:
                    optimizer ??= new OptimizerPart(
                        args.PositionalEnum<OptimizerKind>(0),
                        args.Double("LearningRate"),
                        args.Double("Momentum"),
                        args.Bool("Nesterov"),
                        args.Double("WeightDecay"),
                        args.Double("Beta1"),
                        args.Double("Beta2"),
                        args.Double("Epsilon"),
                        args.Attribute);
                    break;
                case MetadataNames.Schedule:
                    schedule ??= new SchedulePart(
                        args.PositionalEnum<ScheduleKind>(0),
                        args.Enum<ScheduleInterval>("Interval"),
                        args.Int("StepSize"),
                        args.Double("Gamma"),
                        args.IntArray("Milestones"),
                        args.Double("MinLr"),
                        args.Int("Period"),
                        args.Int("WarmupEpochs"),
                        args.Int("WarmupSteps"),
                        args.Double("WarmupStart"),
                        args.Enum<MetricKind>("Monitor"),
                        args.Double("Factor"),
                        args.Int("Patience"),
                        args.Double("Threshold"),
                        args.Int("Cooldown"),
                        args.Attribute);
                    break;
                case MetadataNames.Metric:
                    metrics.Add(new MetricPart(args.PositionalEnum<MetricKind>(0), args.Int("K"), args.Bool("Primary"), args.Attribute));
                    break;
                case MetadataNames.RandomCrop:
                    randomCrop ??= new RandomCropPart(args.Int("Padding"), args.Attribute);
                    break;
                case MetadataNames.HorizontalFlip:
                    horizontalFlip ??= new HorizontalFlipPart(args.Double("Probability"), args.Attribute);
                    break;
                case MetadataNames.MixUp:
                    mixMethods.Add(new MixMethodPart(MixMethodKind.MixUp, args.Double("Alpha"), null, args.Attribute));
                    break;
                case MetadataNames.CutMix:
                    mixMethods.Add(new MixMethodPart(MixMethodKind.CutMix, args.Double("Alpha"), null, args.Attribute));
                    break;
                case MetadataNames.FMix:
                    mixMethods.Add(new MixMethodPart(MixMethodKind.FMix, args.Double("Alpha"), args.Double("DecayPower"), args.Attribute));
                    break;
                case MetadataNames.Mixing:
                    mixing ??= new MixingPart(args.Double("Probability"), args.Double("SwitchProbability"), args.Attribute);
                    break;
                case MetadataNames.Distill:
                    distill ??= ParseDistill(type, args);
                    break;
                case MetadataNames.ZeroGamma:
                    zeroGamma ??= new TrickPart(args.Attribute);
                    break;
                case MetadataNames.NoBiasDecay:
                    noBiasDecay ??= new TrickPart(args.Attribute);
                    break;
                case MetadataNames.Amp:
                    amp ??= new AmpPart(args.OptionalPositionalEnum<AmpPrecision>(0), args.Bool("LowPrecisionEval"), args.Bool("ChannelsLast"), args.Attribute);
                    break;
                default:
                    continue;
            }
            malformed |= args.IsMalformed;
        }

        var experimentPart = new ExperimentPart(experiment.Int("Epochs"), experiment.Int("BatchSize"), experiment.Int("Seed"), experiment.Attribute);
        malformed |= experiment.IsMalformed;

        var declaration = experiment.Syntax?.Parent?.Parent as TypeDeclarationSyntax;
        return new ExperimentDeclaration(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            type.Name,
            ParseShape(type, cancellationToken),
            LocationInfo.From(declaration?.Identifier ?? default) ?? LocationInfo.From(type.Locations.FirstOrDefault()),
            experimentPart,
            data,
            model,
            loss,
            optimizer,
            schedule,
            metrics.ToEquatableArray(),
            randomCrop,
            horizontalFlip,
            mixMethods.ToEquatableArray(),
            mixing,
            distill,
            zeroGamma,
            noBiasDecay,
            amp,
            malformed);
    }

    private static ClassShape ParseShape(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var isPartial = type.DeclaringSyntaxReferences.Length > 0
            && type.DeclaringSyntaxReferences.All(r =>
                r.GetSyntax(cancellationToken) is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword));
        return new ClassShape(
            isPartial,
            type.ContainingType?.Name,
            type.IsGenericType,
            type.IsRecord);
    }

    private static ModelPart ParseModel(INamedTypeSymbol experiment, AttributeArguments args)
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
                return new ModelPart(null, null, ParseFactory(experiment, value.Value as string ?? ""), location, args.Attribute);
            default:
                return new ModelPart(args.PositionalEnum<ModelKind>(0), null, null, location, args.Attribute); // marks malformed
        }
    }

    private static ModelTypeInfo ParseModelType(ITypeSymbol type)
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

    private static DistillPart ParseDistill(INamedTypeSymbol experiment, AttributeArguments args)
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
        return new DistillPart(teacher, args.String("Checkpoint"), args.Double("Temperature"), args.Double("Alpha"), location, args.Attribute);
    }

    private static TeacherInfo ParseTeacher(INamedTypeSymbol experiment, ITypeSymbol type)
    {
        var fullyQualified = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var display = type.ToDisplayString();
        if (SymbolEqualityComparer.Default.Equals(type, experiment))
            return new TeacherInfo(fullyQualified, display, type.Name, TeacherKind.Self, ModelTypeProblem.None, ModelArguments.None, null);
        if (MetadataNames.IsExperiment(type))
            return new TeacherInfo(fullyQualified, display, type.Name, TeacherKind.Experiment, ModelTypeProblem.None, ModelArguments.ChannelsAndClasses, DatasetOf(type));

        var model = ParseModelType(type);
        var kind = model.Problem == ModelTypeProblem.NotAModule ? TeacherKind.Neither : TeacherKind.Module;
        return new TeacherInfo(fullyQualified, display, type.Name, kind, model.Problem, model.Arguments, null);
    }

    /// <summary>The dataset of another experiment's [Data], when it is written as a plain value.</summary>
    private static DatasetKind? DatasetOf(ITypeSymbol experiment)
    {
        foreach (var attribute in experiment.GetAttributes())
        {
            if (attribute.AttributeClass is { } c && MetadataNames.Of(c) == MetadataNames.Data
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0] is { Kind: TypedConstantKind.Enum, Value: int dataset })
            {
                return (DatasetKind)dataset;
            }
        }
        return null;
    }

    private static bool IsChannelsAndClasses(IMethodSymbol method)
        => method.Parameters.Length == 2
           && method.Parameters.All(p => p.Type.SpecialType == SpecialType.System_Int32 && p.RefKind == RefKind.None);
}
