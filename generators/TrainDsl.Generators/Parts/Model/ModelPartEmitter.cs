using System;
using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Model;

/// <summary>[Model] and [ZeroGamma]: the CreateModel factory and the model the loop trains, with its initialisation.</summary>
internal sealed class ModelPartEmitter(ResolvedExperiment experiment) : PartEmitter
{
    private ResolvedModel Model => experiment.Model;

    /// <summary>The model's name in plans and comments: "SmallCnn", "MyNet", "CreateNet()".</summary>
    public string DisplayName => Model.DisplayName;

    public override void ContributePlan(PlanBuilder plan)
    {
        plan.Model.Text(Model.DisplayName);
        if (Model.ZeroGamma) plan.Model.Text(", zero-γ init").Off(Switches.ZeroGamma);
    }

    public override IEnumerable<ConfigProperty> ConfigProperties
        => Model.ZeroGamma ? [Switches.Property(Switches.ZeroGamma, "Zero-γ initialisation of each residual branch's last BatchNorm")] : [];

    public override void WriteSetup(SourceWriter writer)
    {
        writer.Line("using var model = CreateModel(data.Train.Channels, data.Train.Classes);");
        if (Model.Source != ModelSource.BuiltIn) // a built-in model takes its shape from the data
        {
            writer.Line(Qualified.ModelCheck + ".FitsData(model, data.Train, " + CSharpLiteral.String(Model.DisplayName) + ");");
        }
        if (Model.ZeroGamma)
        {
            writer.Line("// Each residual block starts as its shortcut: the last BatchNorm of its branch has γ = 0 (Goyal et al. 2017, §5.1).");
            writer.Line("if (config." + Switches.ZeroGamma + ") " + Qualified.ZeroGamma + ".Apply(model);");
        }
    }

    public override IEnumerable<Action<SourceWriter>> Factories => [WriteCreateModel];

    private void WriteCreateModel(SourceWriter writer)
    {
        var arguments = Model.Arguments == ModelArguments.ChannelsAndClasses ? "(inChannels, classes)" : "()";
        var creation = Model.Source switch
        {
            ModelSource.Type => "new " + Model.Reference + arguments,
            ModelSource.FactoryMethod => Model.Reference + arguments,
            _ => BuiltInModel.Factory(Model.BuiltIn) + arguments,
        };
        writer.Line("/// <summary>The declared model: " + Model.DisplayName + ".</summary>");
        writer.Signature("public static " + experiment.Hides + Qualified.Module, "CreateModel", "int inChannels, int classes", " =>");
        writer.Line("    " + creation + ";");
    }

    /// <summary>A user's network is named by its type or factory; only a built-in one can be translated.</summary>
    public override void ContributeExport(ExportBuilder export)
    {
        export.Model = Model.Source switch
        {
            ModelSource.BuiltIn => Model.BuiltIn.ToString(),
            ModelSource.Type => "Custom:" + Model.Reference.Substring("global::".Length),
            _ => "Custom:" + Model.DisplayName,
        };
        if (Model.ZeroGamma) export.Tricks.Add("ZeroGamma");
    }
}
