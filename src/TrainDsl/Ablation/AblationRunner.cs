using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrainDsl.Plots;
using TrainDsl.Runs;

namespace TrainDsl.Ablation;

/// <summary>
/// Trains every variant of an ablation or a sweep on every seed, each as a normal run folder
/// <c>&lt;folder&gt;/&lt;variant&gt;/seed-&lt;seed&gt;</c>, then writes the table (<see cref="AblationTable"/>) and its plot.
/// Seeds are the experiment's Seed (or --seed) plus 0, 1, …, N − 1, so one seed reproduces a plain run.
/// <para>Resumable: a run folder whose summary.json says completed and whose plan.json has the expected config is reused;
/// one with a resume point (resume.json) continues from it; any other (killed in its first epoch) is started again.</para>
/// </summary>
public sealed class AblationRunner(IExperiment experiment, ConfigOverrides budget, RunSettings settings, TextWriter? log)
{
    /// <summary>The row of the recipe as declared, first in every ablation table.</summary>
    public const string DeclaredName = "declared recipe";

    /// <summary>
    /// Trains the variants (the reference first) on <paramref name="seeds"/> seeds into <paramref name="folder"/> and writes
    /// <paramref name="fileStem"/>.md, .csv and .png there. Returns null when a run was interrupted (Ctrl-C): what finished
    /// stays, and the same command with the same --out continues.
    /// </summary>
    public AblationTable? Run(string title, IReadOnlyList<AblationVariant> variants, int seeds, string folder, string fileStem)
    {
        ArgumentNullException.ThrowIfNull(variants);
        if (seeds < 1) throw new TrainDslException($"--seeds must be at least 1, got {seeds}.");
        folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(folder);
        int firstSeed = budget.Seed ?? Convert.ToInt32(experiment.Plan(budget, settings).Config["Seed"], CultureInfo.InvariantCulture);
        var seedList = Enumerable.Range(firstSeed, seeds).ToList();
        int total = variants.Count(v => v.Skipped is null) * seeds, done = 0;
        var rows = new List<AblationTable.Row>();
        var slugs = new HashSet<string>(StringComparer.Ordinal);

        foreach (var variant in variants)
        {
            if (variant.Skipped is { } why)
            {
                log?.WriteLine($"skipped {variant.Name}: {why}");
                rows.Add(new AblationTable.Row(variant.Name, variant.Settings, [], [], [], why));
                continue;
            }
            var slug = Slug(variant.Name);
            if (!slugs.Add(slug)) throw new TrainDslException($"Two variants are both named '{variant.Name}'; give each its own name.");
            var finals = new List<double>();
            var seconds = new List<double>();
            var rates = new List<double>();
            foreach (var seed in seedList)
            {
                done++;
                var overrides = variant.Apply(budget) with { Seed = seed };
                var runFolder = Path.Combine(folder, slug, "seed-" + seed.ToString(CultureInfo.InvariantCulture));
                var run = TrainOrReuse(overrides, runFolder, $"[{done}/{total}] {variant.Name}, seed {seed}");
                if (run is null) return null;
                finals.Add(run.Metrics[Reported(run.PrimaryMetric)][^1]);
                seconds.Add(run.Seconds);
                rates.Add(run.ImagesPerSecond);
            }
            rows.Add(new AblationTable.Row(variant.Name, variant.Settings, finals, seconds, rates));
        }

        var metric = Reported(experiment.Plan(budget, settings).PrimaryMetric);
        var seedText = seeds == 1
            ? string.Create(CultureInfo.InvariantCulture, $"1 seed (Seed {firstSeed})")
            : string.Create(CultureInfo.InvariantCulture, $"{seeds} seeds (Seed {string.Join(", ", seedList)})");
        var table = new AblationTable(title, metric, seedText, rows);
        File.WriteAllText(Path.Combine(folder, fileStem + ".md"), table.ToMarkdown());
        File.WriteAllText(Path.Combine(folder, fileStem + ".csv"), table.ToCsv());
        AblationPlot.Save(Path.Combine(folder, fileStem + ".png"), table);
        return table;
    }

    /// <summary>
    /// The column the table reports: the final epoch's test value. With a validation split the primary metric (which
    /// selects best.bin) is a val_ column; the test set's is its test_ twin, so nothing is selected on the test set.
    /// </summary>
    private static string Reported(string primary)
        => primary.StartsWith("val_", StringComparison.Ordinal) ? "test_" + primary["val_".Length..] : primary;

    /// <summary>The finished run in <paramref name="runFolder"/>: reused, resumed or trained; null when interrupted.</summary>
    private RunComparison.Run? TrainOrReuse(ConfigOverrides overrides, string runFolder, string label)
    {
        var expected = JsonNode.Parse(experiment.Plan(overrides, settings).ToJson())!["config"];
        var state = Inspect(runFolder, expected);
        if (state == FolderState.Completed)
        {
            log?.WriteLine($"{label}: reusing the finished run {runFolder}");
            return RunComparison.Read(runFolder);
        }
        if (state == FolderState.Unusable) Directory.Delete(runFolder, recursive: true);
        log?.WriteLine($"{label}: {(state == FolderState.Resumable ? "resuming" : "training")} -> {runFolder}");
        var summary = experiment.Train(overrides, settings with
        {
            RunFolder = state == FolderState.Resumable ? null : runFolder,
            Resume = state == FolderState.Resumable ? runFolder : null,
        });
        if (summary.Status == "interrupted")
        {
            log?.WriteLine("Interrupted: the same command with the same --out continues where this one stopped.");
            return null;
        }
        return RunComparison.Read(runFolder);
    }

    private enum FolderState { Absent, Completed, Resumable, Unusable }

    // A folder is only reused or resumed when its plan.json holds exactly the config this run would train.
    private static FolderState Inspect(string runFolder, JsonNode? expected)
    {
        if (!Directory.Exists(runFolder)) return FolderState.Absent;
        try
        {
            var plan = JsonNode.Parse(File.ReadAllText(Path.Combine(runFolder, RunFolder.PlanFile)));
            if (!JsonNode.DeepEquals(plan?["config"], expected)) return FolderState.Unusable;
            var summaryPath = Path.Combine(runFolder, RunFolder.SummaryFile);
            if (File.Exists(summaryPath) && JsonNode.Parse(File.ReadAllText(summaryPath))?["status"]?.GetValue<string>() == "completed")
                return FolderState.Completed;
            // Resumable while epochs are left; one killed after its last epoch but before summary.json is trained again.
            var resumePath = Path.Combine(runFolder, RunFolder.ResumeFile);
            if (!File.Exists(resumePath)) return FolderState.Unusable;
            var completed = JsonNode.Parse(File.ReadAllText(resumePath))?["epochsCompleted"]?.GetValue<int>() ?? int.MaxValue;
            return completed < expected?["Epochs"]?.GetValue<int>() ? FolderState.Resumable : FolderState.Unusable;
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or FormatException)
        {
            return FolderState.Unusable; // killed while writing: train it again
        }
    }

    /// <summary>A variant's folder name: "no label smoothing" → no-label-smoothing, "+ warmup" → plus-warmup.</summary>
    public static string Slug(string name)
    {
        var text = name.Replace("+", "plus ").Replace("=", "-").ToLowerInvariant();
        var chars = text.Select(ch => char.IsLetterOrDigit(ch) || ch is '.' or '-' ? ch : ' ').ToArray();
        return string.Join("-", new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
