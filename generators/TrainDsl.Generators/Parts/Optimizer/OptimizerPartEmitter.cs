using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Optimizer;

/// <summary>
/// [Optimizer] and [NoBiasDecay]: its hyperparameters, where the base rate comes from, and the optimizer
/// itself, over all parameters or over NoBiasDecay's two groups.
/// </summary>
internal sealed class OptimizerPartEmitter(ResolvedExperiment experiment) : PartEmitter
{
    private ResolvedOptimizer Optimizer => experiment.Optimizer;

    private OptimizerKind Kind => Optimizer.Kind;

    /// <summary>Whether an omitted rate comes from the linear scaling rule, so Config.LearningRate is nullable.</summary>
    private bool Scaled => LinearScalingRule.AppliesTo(Kind);

    /// <summary>The optimizer's name in the Train summary.</summary>
    public string Name => Kind switch
    {
        OptimizerKind.Sgd => "SGD",
        OptimizerKind.AdamW => "AdamW",
        OptimizerKind.Adam => "Adam",
        OptimizerKind.RmsProp => "RMSprop",
        OptimizerKind.Lars => "LARS",
        _ => "LAMB",
    };

    public override IEnumerable<ConfigProperty> ConfigProperties
    {
        get
        {
            if (Scaled)
            {
                var declared = Optimizer.LearningRateSource == LearningRateSource.Declared;
                yield return new ConfigProperty("LearningRate", "double?", declared ? CSharpLiteral.Double(Optimizer.LearningRate) : "null",
                    "Base learning rate; null applies the linear scaling rule 0.1 × " + (experiment.Accumulation is null ? "BatchSize" : "BatchSize × AccumulationSteps")
                    + " / 256.", Qualified.CheckOf(ConfigCheck.Positive));
            }
            else
            {
                yield return new ConfigProperty("LearningRate", "double", CSharpLiteral.Double(Optimizer.LearningRate), "Base learning rate.", Qualified.CheckOf(ConfigCheck.Positive));
            }

            if (Optimizer.NoBiasDecay)
                yield return Switches.Property(Switches.NoBiasDecay, "No weight decay" + (Kind is OptimizerKind.Lars or OptimizerKind.Lamb ? " or trust ratio" : "")
                    + " on biases and norm parameters");

            switch (Kind)
            {
                case OptimizerKind.Sgd:
                    yield return ConfigProperty.Fraction("Momentum", Optimizer.Momentum, "SGD momentum.");
                    yield return new ConfigProperty("Nesterov", "bool", CSharpLiteral.Bool(Optimizer.Nesterov), "SGD Nesterov momentum.", Qualified.CheckOf(ConfigCheck.NeedsMomentum));
                    yield return ConfigProperty.NonNegative("WeightDecay", Optimizer.WeightDecay, "L2 weight decay.");
                    break;
                case OptimizerKind.AdamW:
                case OptimizerKind.Adam:
                case OptimizerKind.Lamb:
                    yield return ConfigProperty.Fraction("Beta1", Optimizer.Beta1, Name + " β₁.");
                    yield return ConfigProperty.Fraction("Beta2", Optimizer.Beta2, Name + " β₂.");
                    yield return ConfigProperty.Positive("Epsilon", Optimizer.Epsilon, Name + " ε.");
                    yield return ConfigProperty.NonNegative("WeightDecay", Optimizer.WeightDecay,
                        Kind == OptimizerKind.Adam ? "L2 weight decay, added to the gradient." : "Decoupled weight decay.");
                    if (Kind == OptimizerKind.Adam)
                        yield return new ConfigProperty("Amsgrad", "bool", CSharpLiteral.Bool(Optimizer.Amsgrad), "Adam: the AMSGrad variant.", null);
                    break;
                case OptimizerKind.RmsProp:
                    yield return ConfigProperty.Fraction("Alpha", Optimizer.Alpha, "RMSprop smoothing constant α.");
                    yield return ConfigProperty.Positive("Epsilon", Optimizer.Epsilon, "RMSprop ε.");
                    yield return ConfigProperty.Fraction("Momentum", Optimizer.Momentum, "RMSprop momentum.");
                    yield return new ConfigProperty("Centered", "bool", CSharpLiteral.Bool(Optimizer.Centered), "RMSprop: normalise by the gradient's variance.", null);
                    yield return ConfigProperty.NonNegative("WeightDecay", Optimizer.WeightDecay, "L2 weight decay.");
                    break;
                case OptimizerKind.Lars:
                    yield return ConfigProperty.Fraction("Momentum", Optimizer.Momentum, "LARS momentum.");
                    yield return ConfigProperty.Positive("TrustCoefficient", Optimizer.TrustCoefficient, "LARS trust coefficient η.");
                    yield return ConfigProperty.NonNegative("WeightDecay", Optimizer.WeightDecay, "L2 weight decay β.");
                    break;
            }
        }
    }

    /// <summary>Config: ResolvedLearningRate and LearningRateSource, after the properties.</summary>
    public void WriteConfigMembers(SourceWriter writer)
    {
        if (Scaled)
        {
            // With accumulation the rule scales with the effective batch, BatchSize × AccumulationSteps.
            var batch = experiment.Accumulation is null ? "BatchSize" : "BatchSize, AccumulationSteps";
            writer.Line("/// <summary>The base learning rate in force: the set value, or the linear scaling rule.</summary>");
            writer.Line("public double ResolvedLearningRate => LearningRate ?? " + Qualified.LinearScalingRule + ".LearningRate(" + batch + ");");
            writer.Line();
            writer.Line("/// <summary>Where <see cref=\"ResolvedLearningRate\"/> comes from, for the plan.</summary>");
            var source = "LearningRate is null ? " + Qualified.LinearScalingRule + ".Explain(" + batch + ") : \"set\";";
            if (experiment.Accumulation is null) writer.Line("public string LearningRateSource => " + source);
            else
            {
                writer.Line("public string LearningRateSource =>");
                writer.Line("    " + source);
            }
        }
        else
        {
            writer.Line("/// <summary>The base learning rate in force.</summary>");
            writer.Line("public double ResolvedLearningRate => LearningRate;");
            writer.Line();
            writer.Line("/// <summary>Where <see cref=\"ResolvedLearningRate\"/> comes from, for the plan.</summary>");
            writer.Line("public string LearningRateSource => \"set\";");
        }
    }

    public override void ContributePlan(PlanBuilder plan)
    {
        var text = plan.Optimizer;
        switch (Kind)
        {
            case OptimizerKind.Sgd:
                text.Text("SGD(momentum ").Hole("config.Momentum").Text(", nesterov ").Hole("config.Nesterov");
                break;
            case OptimizerKind.RmsProp:
                text.Text("RMSprop(alpha ").Hole("config.Alpha").Text(", eps ").Hole("config.Epsilon")
                    .Text(", momentum ").Hole("config.Momentum").Text(", centered ").Hole("config.Centered");
                break;
            case OptimizerKind.Lars:
                text.Text("LARS(momentum ").Hole("config.Momentum").Text(", trust coefficient ").Hole("config.TrustCoefficient");
                break;
            default:
                text.Text(Name + "(beta1 ").Hole("config.Beta1").Text(", beta2 ").Hole("config.Beta2").Text(", eps ").Hole("config.Epsilon");
                if (Kind == OptimizerKind.Adam) text.Text(", amsgrad ").Hole("config.Amsgrad");
                break;
        }
        text.Text(", weight decay ").Hole("config.WeightDecay");
        if (!Optimizer.NoBiasDecay)
        {
            text.Text(")");
            return;
        }
        text.Text(Kind is OptimizerKind.Lars or OptimizerKind.Lamb ? " and trust ratio except biases and norms" : " except biases and norms")
            .Off(Switches.NoBiasDecay).Text(")");
    }

    public override void WriteSetup(SourceWriter writer)
    {
        var groups = Optimizer.NoBiasDecay;
        if (groups)
        {
            writer.Line(Kind switch
            {
                OptimizerKind.Lars => "// No weight decay or trust ratio on biases and norms (as SimCLR's LARS does): each group sets its own.",
                OptimizerKind.Lamb => "// No weight decay or trust ratio on biases and norms (as BERT's LAMB does): each group sets its own.",
                _ => "// No weight decay on biases and norm parameters (He et al. 2019, §3.1): each group sets its own.",
            });
            writer.Line("// With NoBiasDecay off every parameter is in the decayed group.");
            var method = Kind switch
            {
                OptimizerKind.Sgd => "SgdGroups",
                OptimizerKind.AdamW => "AdamWGroups",
                OptimizerKind.Adam => "AdamGroups",
                OptimizerKind.RmsProp => "RmsPropGroups",
                OptimizerKind.Lars => "LarsGroups",
                _ => "LambGroups",
            };
            writer.Line("var parameterGroups = " + Qualified.NoBiasDecay + "." + method + "(model, config.WeightDecay, exempt: config." + Switches.NoBiasDecay + ");");
        }
        // With groups, each group carries its weight decay, so the optimizer takes none.
        string Parameters() => groups ? "parameterGroups" : "model.parameters()";
        string Decay(string name) => groups ? "" : ", " + name + ": config.WeightDecay";
        switch (Kind)
        {
            case OptimizerKind.Sgd:
                writer.Line("using var optimizer = " + Qualified.Optim + ".SGD(" + Parameters() + ", config.ResolvedLearningRate,");
                writer.Line("    momentum: config.Momentum" + Decay("weight_decay") + ", nesterov: config.Nesterov);");
                break;
            case OptimizerKind.AdamW:
                writer.Line("using var optimizer = " + Qualified.Optim + ".AdamW(" + Parameters() + ", config.LearningRate,");
                writer.Line("    beta1: config.Beta1, beta2: config.Beta2, eps: config.Epsilon" + Decay("weight_decay") + ");");
                break;
            case OptimizerKind.Adam:
                writer.Line("using var optimizer = " + Qualified.Optim + ".Adam(" + Parameters() + ", config.LearningRate,");
                writer.Line("    beta1: config.Beta1, beta2: config.Beta2, eps: config.Epsilon" + Decay("weight_decay") + ", amsgrad: config.Amsgrad);");
                break;
            case OptimizerKind.RmsProp:
                writer.Line("using var optimizer = " + Qualified.Optim + ".RMSProp(" + Parameters() + ", config.LearningRate,");
                writer.Line("    alpha: config.Alpha, eps: config.Epsilon" + Decay("weight_decay") + ", momentum: config.Momentum, centered: config.Centered);");
                break;
            case OptimizerKind.Lars:
                writer.Line("using var optimizer = new " + Qualified.Lars + "(" + Parameters() + ", config.ResolvedLearningRate,");
                writer.Line("    momentum: config.Momentum" + Decay("weightDecay") + ", trustCoefficient: config.TrustCoefficient);");
                break;
            default:
                writer.Line("using var optimizer = new " + Qualified.Lamb + "(" + Parameters() + ", config.LearningRate,");
                writer.Line("    beta1: config.Beta1, beta2: config.Beta2, eps: config.Epsilon" + Decay("weightDecay") + ");");
                break;
        }
    }

    public override void ContributeExport(ExportBuilder export)
    {
        export.Optimizer = Kind.ToString();
        if (Optimizer.NoBiasDecay) export.Tricks.Add("NoBiasDecay");
    }
}
