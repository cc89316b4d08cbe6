using System.CommandLine;
using System.CommandLine.Completions;
using TrainDsl.Runs;

namespace TrainDsl.Cli;

/// <summary>
/// The options that override an experiment's declared settings (<see cref="ConfigOverrides"/>): the common ones
/// by name and any other Config property through the repeatable <c>--set NAME=VALUE</c>.
/// </summary>
internal sealed class RecipeOptions
{
    private readonly Option<int?> epochs = ValueOptions.Int("--epochs", "N", "override the number of epochs");
    private readonly Option<int?> batchSize = ValueOptions.Int("--batch-size", "N",
        "override the batch size (an SGD rate from the scaling rule follows it)");
    private readonly Option<double?> learningRate = ValueOptions.Double("--lr", "X", "override the base learning rate");
    private readonly Option<int?> seed = ValueOptions.Int("--seed", "N", "override the seed");
    private readonly Option<int?> trainLimit = ValueOptions.Int("--train-limit", "N", "use only the first N training images (stratified)");
    private readonly Option<int?> testLimit = ValueOptions.Int("--test-limit", "N", "use only the first N test images (stratified)");
    private readonly Option<IReadOnlyDictionary<string, string>> set = new("--set")
    {
        HelpName = "NAME=VALUE",
        Description = "override any other Config property, e.g. --set Momentum=0.8 (repeatable)",
        Arity = ArgumentArity.OneOrMore, // one token per --set; a later NAME wins
        CustomParser = result =>
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var token in result.Tokens)
            {
                var eq = token.Value.IndexOf('=');
                if (eq <= 0)
                {
                    result.AddError($"--set takes NAME=VALUE, got '{token.Value}'.");
                    break;
                }
                values[token.Value[..eq].Trim()] = token.Value[(eq + 1)..].Trim();
            }
            return values;
        },
    };

    /// <param name="experiment">The -e option, whose experiment --set completes names for.</param>
    /// <param name="setDescription">--set's help where it means more than one override (sweep's grid axes).</param>
    public RecipeOptions(ExperimentOption experiment, string? setDescription = null)
    {
        if (setDescription is not null) set.Description = setDescription;
        // `--set <TAB>` offers the chosen experiment's Config properties, as NAME=.
        set.CompletionSources.Add(context => experiment.TrySelect(context.ParseResult) is { } chosen
            ? SettableNames(chosen).Select(name => new CompletionItem(name + "="))
            : []);
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { epochs, batchSize, learningRate, seed, trainLimit, testLimit, set })
            command.Options.Add(option);
    }

    public ConfigOverrides Read(ParseResult result) => new()
    {
        Epochs = result.GetValue(epochs),
        BatchSize = result.GetValue(batchSize),
        LearningRate = result.GetValue(learningRate),
        Seed = result.GetValue(seed),
        TrainLimit = result.GetValue(trainLimit),
        TestLimit = result.GetValue(testLimit),
        Values = result.GetValue(set) ?? new Dictionary<string, string>(),
    };

    private static IEnumerable<string> SettableNames(IExperiment experiment)
    {
        try { return experiment.Plan(ConfigOverrides.None).Config.Keys; }
        catch (TrainDslException) { return []; } // a recipe that does not resolve has nothing to offer
    }
}
