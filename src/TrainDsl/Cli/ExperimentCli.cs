using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrainDsl.Runs;

namespace TrainDsl.Cli;

/// <summary>
/// The command line of an experiment executable: <c>train</c>, <c>eval</c>, <c>plan</c>, <c>list</c>.
/// The generated entry point calls <c>Run(args, experiments)</c> with every experiment of the program.
/// </summary>
public static class ExperimentCli
{
    public static int Run(string[] args, params IExperiment[] experiments) =>
        Run(args, experiments, Console.Out, Console.Error);

    public static int Run(IReadOnlyList<string> args, IReadOnlyList<IExperiment> experiments, TextWriter stdout, TextWriter stderr)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // First Ctrl-C: stop after the current step and keep the run folder; second: exit now.
            if (cancel.IsCancellationRequested) return;
            e.Cancel = true;
            cancel.Cancel();
            stderr.WriteLine("\nstopping after this step (Ctrl-C again to exit now)...");
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var line = CommandLine.Parse(args);
            if (line.Command == "help") { stdout.WriteLine(CommandLine.Usage); return 0; }
            if (line.Command == "list")
            {
                foreach (var x in experiments.OrderBy(x => x.Name, StringComparer.Ordinal)) stdout.WriteLine(x.Name);
                return 0;
            }
            var overrides = line.Overrides;
            string? experimentName = line.Experiment;
            if (line.Resume is not null)
            {
                // The run folder says what it trained: its experiment, and its settings unless given again.
                var saved = RunFolder.Open(line.Resume).ReadPlan();
                experimentName ??= (string?)saved["experiment"];
                overrides = ResumeOverrides(overrides, saved);
            }
            var experiment = Select(experiments, experimentName);
            var settings = new RunSettings
            {
                OutputRoot = line.OutputRoot,
                Threads = line.Threads,
                MaxSteps = line.MaxSteps,
                DataRoot = line.DataRoot,
                Log = line.Quiet ? null : stdout,
                LiveProgress = !line.Quiet && !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out),
                Cancellation = cancel.Token,
                Resume = line.Resume,
            };
            switch (line.Command)
            {
                case "plan":
                    var plan = experiment.Plan(overrides);
                    stdout.Write(line.Json ? plan.ToJson() + "\n" : plan.ToText());
                    return 0;
                case "eval":
                    var checkpoint = line.Checkpoint ?? NewestCheckpoint(line.OutputRoot, experiment.Name);
                    var metrics = experiment.Evaluate(overrides, settings with { Log = null }, checkpoint);
                    if (line.Json)
                        stdout.WriteLine(JsonSerializer.Serialize(metrics.ToDictionary(m => m.Key, m => m.Value),
                            new JsonSerializerOptions { WriteIndented = true }));
                    else
                        foreach (var m in metrics) stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m.Key,-12} {m.Value:F4}"));
                    return 0;
                default:
                    var summary = experiment.Train(overrides, settings);
                    return summary.Status == "interrupted" ? 130 : 0;
            }
        }
        catch (Exception e) when (IsUsersToFix(e))
        {
            stderr.WriteLine("error: " + e.Message);
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>
    /// The overrides for resuming the run whose plan.json is <paramref name="savedPlan"/>: every setting it was
    /// trained with (its epoch count included), except those given on this command line, which win (and are then
    /// checked against the run by <see cref="TrainSession.Start"/>).
    /// </summary>
    internal static ConfigOverrides ResumeOverrides(ConfigOverrides given, JsonObject savedPlan)
    {
        var values = new Dictionary<string, string>(given.Values, StringComparer.Ordinal);
        var named = new Dictionary<string, bool>
        {
            ["Epochs"] = given.Epochs is not null,
            ["BatchSize"] = given.BatchSize is not null,
            ["LearningRate"] = given.LearningRate is not null,
            ["Seed"] = given.Seed is not null,
            ["TrainLimit"] = given.TrainLimit is not null,
            ["TestLimit"] = given.TestLimit is not null,
        };
        if (savedPlan["config"] is JsonObject config)
            foreach (var (name, value) in config)
            {
                if (value is null || values.ContainsKey(name) || named.GetValueOrDefault(name)) continue;
                values[name] = value switch
                {
                    JsonArray array => string.Join(",", array.Select(v => v?.ToJsonString())),
                    JsonValue v when v.TryGetValue(out string? s) => s,
                    _ => value.ToJsonString(),
                };
            }
        return given with { Values = values };
    }

    // These carry a sentence written for the user (bad data files, unwritable folders, bad arguments);
    // anything else is a bug and keeps its stack trace.
    private static bool IsUsersToFix(Exception e) =>
        e is TrainDslException or InvalidDataException or IOException or UnauthorizedAccessException or TimeoutException
            or ArgumentException;

    private static IExperiment Select(IReadOnlyList<IExperiment> experiments, string? name)
    {
        var ordered = experiments.OrderBy(x => x.Name, StringComparer.Ordinal).ToList();
        if (ordered.Count == 0) throw new TrainDslException("This program declares no [Experiment] class; add one.");
        if (name is null) return ordered[0];
        return ordered.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new TrainDslException($"No experiment named '{name}'; this program has {string.Join(", ", ordered.Select(x => x.Name))}.");
    }

    private static string NewestCheckpoint(string outputRoot, string experiment) =>
        RunFolder.NewestCheckpoint(outputRoot, experiment) ?? throw new TrainDslException(
            $"No checkpoint found under '{Path.Combine(outputRoot, experiment)}'; train first or pass --checkpoint FILE.");
}
