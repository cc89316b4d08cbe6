using System.CommandLine;
using TrainDsl.Runs;

namespace TrainDsl.Cli;

/// <summary><c>plan</c>: the resolved recipe and every epoch's learning rate, without loading data or libtorch.</summary>
internal static class PlanCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("plan", "Print the resolved recipe and the learning rate of every epoch (or, with --steps, every step).");
        var experiment = new ExperimentOption(context.Experiments);
        var recipe = new RecipeOptions(experiment);
        var json = new Option<bool>("--json") { Description = "print JSON (for machines)" };
        var steps = new Option<bool>("--steps")
        {
            Description = "also list every optimizer step's learning rate (stepLearningRates in JSON), to check a per-step schedule",
        };

        command.Options.Add(experiment.Option);
        recipe.AddTo(command);
        var data = RunOptions.Data();
        command.Options.Add(json);
        command.Options.Add(steps);
        command.Options.Add(data);

        command.SetAction(result =>
        {
            var settings = new RunSettings { DataRoot = result.GetValue(data), Log = null, LiveProgress = false };
            var plan = experiment.Select(result).Plan(recipe.Read(result), settings);
            if (result.GetValue(steps)) plan = plan.WithStepLearningRates();
            context.Out.Write(result.GetValue(json) ? plan.ToJson() + "\n" : plan.ToText());
            return 0;
        });
        return command;
    }
}
