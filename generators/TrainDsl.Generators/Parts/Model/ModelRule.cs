using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Model;

/// <summary>
/// TD0005: a <c>typeof(T)</c> model must be a constructible <c>Module&lt;Tensor, Tensor&gt;</c>.
/// TD0008: a <c>nameof(M)</c> model must be a static factory on the experiment returning one.
/// </summary>
internal static class ModelRule
{
    public static void Check(ExperimentDeclaration declaration, ICollection<DiagnosticInfo> diagnostics)
    {
        var model = declaration.Model;
        if (model?.Type is { } type && type.Problem != ModelTypeProblem.None)
        {
            var problem = type.Problem switch
            {
                ModelTypeProblem.NotAModule => "does not derive from TorchSharp's Module<Tensor, Tensor>",
                ModelTypeProblem.Abstract => "is abstract",
                ModelTypeProblem.OpenGeneric => "is an open generic type",
                _ => "has no public (int inChannels, int classes) or parameterless constructor",
            };
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidModelType, model.Argument, type.DisplayName, problem));
        }

        if (model?.Factory is { } factory && factory.Problem != FactoryMethodProblem.None)
        {
            var problem = factory.Problem switch
            {
                FactoryMethodProblem.NotFound => "is not a method of '" + declaration.Name + "'",
                FactoryMethodProblem.NotStatic => "is not static",
                FactoryMethodProblem.WrongReturnType => "does not return TorchSharp's Module<Tensor, Tensor>",
                FactoryMethodProblem.NameTaken => "has the name of the generated CreateModel method",
                _ => "must take (int inChannels, int classes) or no parameters",
            };
            var fix = factory.Problem == FactoryMethodProblem.NameTaken
                ? "give the factory another name"
                : "declare it on '" + declaration.Name + "' as static Module<Tensor, Tensor> " + factory.Name + "(int inChannels, int classes) or with no parameters";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidFactoryMethod, model.Argument, factory.Name, problem, fix));
        }
    }
}
