using TrainDsl.Runs;

namespace TrainDsl.EndToEnd.Tests;

/// <summary>A derived experiment at run time: its plan is the combined recipe, and its runner exposes the declared sweep.</summary>
public sealed class InheritanceTests
{
    [Fact]
    public void The_derived_plan_merges_the_experiment_arguments_and_replaces_the_schedule()
    {
        var plan = InheritedCosine.Plan();

        Assert.Equal(6, plan.Epochs);                 // its own [Experiment(Epochs = 6)]
        Assert.Equal(64, plan.BatchSize);             // the base's
        Assert.Equal(3, plan.Seed);                   // the base's
        Assert.Equal(0.1 * 64 / 256, plan.LearningRate, 15); // the linear scaling rule for the inherited SGD and batch
        Assert.StartsWith("CosineAnnealingLR", plan.Schedule);
        Assert.StartsWith("StepLR", InheritedBase.Plan().Schedule);
        Assert.Contains("Inherited from InheritedBase: BatchSize, Seed, Data, Model, Optimizer", plan.Notes);
    }

    [Fact]
    public void The_runner_lists_the_declared_sweep_in_values_set_accepts()
    {
        IExperiment derived = new InheritedCosine.Runner();
        IExperiment @base = new InheritedBase.Runner();

        Assert.Empty(@base.DeclaredSweep);
        Assert.Equal(["LearningRate", "Nesterov"], derived.DeclaredSweep.Select(s => s.Name));
        Assert.Equal(["0.0125", "0.025"], derived.DeclaredSweep[0].Values);
        Assert.Equal(["true", "false"], derived.DeclaredSweep[1].Values);
        foreach (var (name, values) in derived.DeclaredSweep)
        {
            foreach (var value in values)
            {
                var config = derived.Plan(new ConfigOverrides { Values = new Dictionary<string, string> { [name] = value } }).Config;
                Assert.Equal(value, Convert.ToString(config[name], System.Globalization.CultureInfo.InvariantCulture), ignoreCase: true);
            }
        }
    }
}
