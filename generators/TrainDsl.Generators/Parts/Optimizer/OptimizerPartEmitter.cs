using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Optimizer;

/// <summary>
/// [Optimizer] and [NoBiasDecay]: its hyperparameters, where the base rate comes from, and the optimizer
/// itself, over all parameters or over NoBiasDecay's two groups.
/// </summary>
internal sealed class OptimizerPartEmitter(ResolvedExperiment experiment) : PartEmitter
{
    private ResolvedOptimizer Optimizer => experiment.Optimizer;

    private bool IsSgd => Optimizer.Kind == OptimizerKind.Sgd;

    /// <summary>The optimizer's name in the Train summary.</summary>
    public string Name => IsSgd ? "SGD" : "AdamW";

    public override IEnumerable<ConfigProperty> ConfigProperties
    {
        get
        {
            if (IsSgd)
            {
                var declared = Optimizer.LearningRateSource == LearningRateSource.Declared;
                yield return new ConfigProperty("LearningRate", "double?", declared ? CSharpLiteral.Double(Optimizer.LearningRate) : "null",
                    "Base learning rate; null applies the linear scaling rule 0.1 × " + (experiment.Accumulation is null ? "BatchSize" : "BatchSize × AccumulationSteps")
                    + " / 256.", "ConfigCheck.Positive");
                yield return ConfigProperty.Fraction("Momentum", Optimizer.Momentum, "SGD momentum.");
                yield return new ConfigProperty("Nesterov", "bool", CSharpLiteral.Bool(Optimizer.Nesterov), "SGD Nesterov momentum.", "ConfigCheck.NeedsMomentum");
                yield return ConfigProperty.NonNegative("WeightDecay", Optimizer.WeightDecay, "L2 weight decay.");
            }
            else
            {
                yield return new ConfigProperty("LearningRate", "double", CSharpLiteral.Double(Optimizer.LearningRate), "Base learning rate.", "ConfigCheck.Positive");
                yield return ConfigProperty.Fraction("Beta1", Optimizer.Beta1, "AdamW β₁.");
                yield return ConfigProperty.Fraction("Beta2", Optimizer.Beta2, "AdamW β₂.");
                yield return ConfigProperty.Positive("Epsilon", Optimizer.Epsilon, "AdamW ε.");
                yield return ConfigProperty.NonNegative("WeightDecay", Optimizer.WeightDecay, "Decoupled weight decay.");
            }
        }
    }

    /// <summary>Config: ResolvedLearningRate and LearningRateSource, after the properties.</summary>
    public void WriteConfigMembers(SourceWriter writer)
    {
        if (IsSgd)
        {
            // With accumulation the rule scales with the effective batch, BatchSize × AccumulationSteps.
            var batch = experiment.Accumulation is null ? "BatchSize" : "BatchSize, AccumulationSteps";
            writer.Line("/// <summary>The base learning rate in force: the set value, or the linear scaling rule.</summary>");
            writer.Line("public double ResolvedLearningRate => LearningRate ?? global::TrainDsl.LinearScalingRule.LearningRate(" + batch + ");");
            writer.Line();
            writer.Line("/// <summary>Where <see cref=\"ResolvedLearningRate\"/> comes from, for the plan.</summary>");
            var source = "LearningRate is null ? global::TrainDsl.LinearScalingRule.Explain(" + batch + ") : \"set\";";
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
        if (IsSgd)
        {
            plan.Optimizer.Text("SGD(momentum ").Hole("config.Momentum")
                .Text(", nesterov ").Hole("config.Nesterov")
                .Text(", weight decay ").Hole("config.WeightDecay");
        }
        else
        {
            plan.Optimizer.Text("AdamW(beta1 ").Hole("config.Beta1").Text(", beta2 ").Hole("config.Beta2")
                .Text(", eps ").Hole("config.Epsilon").Text(", weight decay ").Hole("config.WeightDecay");
        }
        plan.Optimizer.Text(Optimizer.NoBiasDecay ? " except biases and norms)" : ")");
    }

    public override void WriteSetup(SourceWriter writer)
    {
        if (Optimizer.NoBiasDecay)
        {
            writer.Line("// No weight decay on biases and norm parameters (He et al. 2019, §3.1): each group sets its own.");
            if (IsSgd)
            {
                writer.Line("using var optimizer = optim.SGD(NoBiasDecay.SgdGroups(model, config.WeightDecay), config.ResolvedLearningRate,");
                writer.Line("    momentum: config.Momentum, nesterov: config.Nesterov);");
            }
            else
            {
                writer.Line("using var optimizer = optim.AdamW(NoBiasDecay.AdamWGroups(model, config.WeightDecay), config.LearningRate,");
                writer.Line("    beta1: config.Beta1, beta2: config.Beta2, eps: config.Epsilon);");
            }
        }
        else if (IsSgd)
        {
            writer.Line("using var optimizer = optim.SGD(model.parameters(), config.ResolvedLearningRate,");
            writer.Line("    momentum: config.Momentum, weight_decay: config.WeightDecay, nesterov: config.Nesterov);");
        }
        else
        {
            writer.Line("using var optimizer = optim.AdamW(model.parameters(), config.LearningRate,");
            writer.Line("    beta1: config.Beta1, beta2: config.Beta2, eps: config.Epsilon, weight_decay: config.WeightDecay);");
        }
    }
}
