using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainDsl.Runs;

/// <summary>
/// Resuming a run, for <see cref="TrainSession"/>: <see cref="Open"/> reopens and checks the folder named by
/// <see cref="RunSettings.Resume"/>, <see cref="Restore"/> loads its resume point, and <see cref="Save"/> writes
/// the next one after each epoch. Any problem with the folder or the point is one sentence (a
/// <see cref="TrainDslException"/>), found before anything is loaded or changed.
/// </summary>
internal sealed class RunResume
{
    private readonly RunFolder folder;
    private readonly RecipePlan plan;
    private readonly ResumePoint? point; // the point to continue from, read and checked by Open; null for a new run
    private readonly Action<string> note;
    private bool restoreCalled;

    /// <param name="folder">The run's folder.</param>
    /// <param name="plan">The plan of this session (its Epochs may have grown since the folder was written).</param>
    /// <param name="point">What <see cref="Open"/> read, or null for a new run.</param>
    /// <param name="note">Prints a note and keeps it in the summary (<see cref="TrainSession.Note"/>).</param>
    public RunResume(RunFolder folder, RecipePlan plan, ResumePoint? point, Action<string> note)
    {
        this.folder = folder;
        this.plan = plan;
        this.point = point;
        this.note = note;
    }

    /// <summary>The session's numbers at a resume point: what a resumed session continues from.</summary>
    public sealed record Standing(long Steps, long Images, double Seconds, (double Value, int Epoch)? Best, IReadOnlyList<EpochRecord> History);

    /// <summary>
    /// Reopens the run folder at <paramref name="path"/> after checking that it holds a resume point of the same
    /// experiment and config (only Epochs may differ) with epochs left to train, or with every epoch trained but no
    /// model.bin yet (stopped while finishing); leaves the folder as it was.
    /// </summary>
    public static (RunFolder Folder, ResumePoint Point) Open(string path, RecipePlan plan)
    {
        var folder = RunFolder.Open(path);
        var saved = folder.ReadPlan();
        var experiment = (string?)saved["experiment"];
        if (experiment != plan.Experiment)
            throw new TrainDslException($"Run folder '{folder.Path}' belongs to experiment {experiment}, not {plan.Experiment}; resume it with -e {experiment}, or pass a run folder of {plan.Experiment}.");
        RequireSameConfig(folder, saved["config"] as JsonObject, JsonNode.Parse(plan.ToJson())!["config"]!.AsObject());
        folder.RecoverResumePoint();
        var point = folder.ReadResumePoint()
            ?? throw new TrainDslException($"Run folder '{folder.Path}' has no resume point yet ({RunFolder.ResumeFile} is written after each completed epoch); start a new run without --resume.");
        if (point.Experiment != plan.Experiment)
            throw new TrainDslException($"'{folder.ResumePath}' belongs to experiment {point.Experiment}, not {plan.Experiment}; resume a run folder of {plan.Experiment}.");
        if (EarlyStopping.StoppedEpochIn(point.State[EarlyStopping.Key]) is { } stopped)
            throw new TrainDslException(string.Create(CultureInfo.InvariantCulture,
                $"Run folder '{folder.Path}' stopped early after epoch {stopped} (its metric no longer improved), so there is nothing to resume; start a new run without --resume, with more patience (--set EarlyStoppingPatience=N) if you want it to train longer."));
        // Stopped after its last epoch's resume point but before model.bin was written: the resume only saves the final weights.
        bool unsaved = point.EpochsCompleted == plan.Epochs && !File.Exists(folder.CheckpointPath);
        if (point.EpochsCompleted >= plan.Epochs && !unsaved)
            throw new TrainDslException(string.Create(CultureInfo.InvariantCulture,
                $"Run folder '{folder.Path}' has already completed {point.EpochsCompleted} epochs and this run asks for {plan.Epochs}; pass --epochs N with N > {point.EpochsCompleted} to train it further."));
        return (folder, point);
    }

    /// <summary>
    /// Loads the resume point into the model, the optimizer, each <see cref="IResumable"/> and the global random
    /// state, then updates the folder for the continued run; returns what the session continues from, or null
    /// for a new run. Refuses a second call.
    /// </summary>
    public Standing? Restore(nn.Module model, optim.Optimizer optimizer, IResumable?[]? state)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        var parts = Distinct(state);
        if (restoreCalled) throw new InvalidOperationException("TrainSession.Resume was already called; call it once, before the first epoch.");
        restoreCalled = true;
        if (point is null) return null;

        // Everything is checked before anything is loaded.
        var helper = Helper(optimizer);
        var where = $"The resume point in '{folder.Path}'";
        var type = optimizer.GetType().Name;
        if (type != point.Optimizer)
            throw new TrainDslException($"{where} holds the state of {point.Optimizer}, but this run uses {type}; resume with the optimizer the run was trained with.");
        var groups = ParameterGroups(optimizer);
        if (groups.Count != point.ParameterGroups.Count)
            throw new TrainDslException($"{where} has {point.ParameterGroups.Count} optimizer parameter groups, but this optimizer has {groups.Count} ([NoBiasDecay] makes two); resume with the optimizer settings the run was trained with.");
        for (int g = 0; g < groups.Count; g++)
            if (!groups[g].SequenceEqual(point.ParameterGroups[g]))
                throw new TrainDslException($"{where} has optimizer parameter group {g + 1} with shapes [{string.Join(", ", point.ParameterGroups[g])}], but this optimizer's holds [{string.Join(", ", groups[g])}]; resume with the model and optimizer the run was trained with.");
        foreach (var part in parts)
            if (!point.State.ContainsKey(part.ResumeKey) && part.SaveState() is not null)
                throw new TrainDslException($"{where} has no '{part.ResumeKey}' state, which this run needs; the recipe changed since the run was written, so start a new run without --resume.");
        foreach (var (key, _) in point.State)
            if (!parts.Any(p => p.ResumeKey == key))
                throw new TrainDslException($"{where} holds '{key}' state that nothing in this run takes; the recipe changed since the run was written, so start a new run without --resume.");
        foreach (var file in new[] { folder.ResumeWeightsPath, folder.ResumeOptimizerPath })
            if (!File.Exists(file))
                throw new TrainDslException($"{where} is incomplete ('{Path.GetFileName(file)}' is missing); restore the file, or start a new run without --resume.");
        if (new FileInfo(folder.ResumeOptimizerPath).Length == 0)
            throw new TrainDslException($"'{folder.ResumeOptimizerPath}' is empty (truncated); restore it from a backup, or start a new run without --resume.");
        // libtorch aborts the process on a generator state of the wrong size, so it is checked here.
        byte[] randomState;
        using (var current = torch.get_rng_state())
        {
            randomState = TryBase64(point.TorchRandomState) ?? [];
            if (randomState.Length != current.NumberOfElements)
                throw new TrainDslException(string.Create(CultureInfo.InvariantCulture,
                    $"'{folder.ResumePath}' holds a torchRandomState of {randomState.Length} bytes where libtorch's generator state has {current.NumberOfElements}; restore the file from a backup, or start a new run without --resume."));
        }

        Checkpoint.Load(model, folder.ResumeWeightsPath,
            "resume a run folder written by the same experiment, or start a new run without --resume");
        if (NonFiniteSteps.FirstNonFiniteParameter(model) is { } bad)
            throw new TrainDslException($"'{folder.ResumeWeightsPath}' holds inf or NaN weights ({bad}), so training on would only spread them; start a new run, with a lower learning rate if it diverged.");
        try
        {
            helper.load_state_dict(folder.ResumeOptimizerPath);
        }
        catch (Exception e) when (e is not TrainDslException)
        {
            throw new TrainDslException($"'{folder.ResumeOptimizerPath}' does not fit this optimizer ({e.Message}); resume with the optimizer settings the run was trained with.", e);
        }
        foreach (var part in parts)
        {
            if (point.State[part.ResumeKey] is not { } saved) continue;
            try
            {
                part.LoadState(saved.ToJsonString());
            }
            catch (Exception e) when (e is ArgumentException or TrainDslException or JsonException or FormatException or InvalidOperationException)
            {
                throw new TrainDslException($"{where} holds '{part.ResumeKey}' state that does not fit this run ({e.Message}); resume with the settings the run was trained with.", e);
            }
        }
        using (var rng = torch.tensor(randomState)) torch.set_rng_state(rng);

        // Only now, with everything loaded, does the folder change: the plan's new epoch count, and metrics.csv
        // without rows of an epoch that ended after the resume point (it is trained again).
        folder.WritePlan(plan);
        int dropped = folder.TrimMetrics(point.EpochsCompleted);
        if (dropped > 0)
            note(string.Create(CultureInfo.InvariantCulture,
                $"metrics.csv had {dropped} row(s) after epoch {point.EpochsCompleted}, the resume point; they were dropped and the epoch is trained again"));
        return new Standing(point.Steps, point.Images, point.Seconds,
            point.BestValue is { } value && point.BestEpoch is { } epoch ? (value, epoch) : null,
            [.. point.History.Select(ResumePoint.Record)]);
    }

    /// <summary>Whether a resumed session has yet to call <see cref="Restore"/>, so it must not train.</summary>
    public bool RestorePending => point is not null && !restoreCalled;

    /// <summary>
    /// Saves a resume point from <paramref name="now"/> (read after the arguments are checked; null when this is
    /// no resume point): the weights, the optimizer state and resume.json with each state by key, atomically,
    /// resume.json last, so a crash leaves the previous point intact.
    /// </summary>
    public void Save(nn.Module model, optim.Optimizer optimizer, IResumable?[]? state, Func<Standing?> now)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        var parts = Distinct(state);
        var helper = Helper(optimizer);
        if (now() is not { } standing) return;
        var saved = new JsonObject();
        foreach (var part in parts)
        {
            if (part.SaveState() is not { } json) continue;
            try
            {
                saved[part.ResumeKey] = JsonNode.Parse(json);
            }
            catch (JsonException e)
            {
                throw new InvalidOperationException($"{part.GetType().Name}.SaveState returned text that is not JSON ({e.Message}).", e);
            }
        }
        using var rng = torch.get_rng_state();
        var next = new ResumePoint
        {
            Experiment = plan.Experiment,
            EpochsCompleted = standing.History.Count,
            Steps = standing.Steps,
            Images = standing.Images,
            Seconds = standing.Seconds,
            BestValue = standing.Best?.Value,
            BestEpoch = standing.Best?.Epoch,
            Optimizer = optimizer.GetType().Name,
            ParameterGroups = ParameterGroups(optimizer),
            TorchRandomState = Convert.ToBase64String(rng.data<byte>().ToArray()),
            History = [.. standing.History.Select(ResumePoint.Row)],
            State = saved,
        };
        folder.SaveResumePoint(path => model.save(path), helper.save_state_dict, next.ToJson());
    }

    // The resumed run must train the same recipe; only Epochs may grow.
    private static void RequireSameConfig(RunFolder folder, JsonObject? saved, JsonObject current)
    {
        if (saved is null)
            throw new TrainDslException($"'{Path.Combine(folder.Path, RunFolder.PlanFile)}' has no config; resume a run folder written by TrainDsl, or start a new run without --resume.");
        foreach (var key in saved.Select(p => p.Key).Union(current.Select(p => p.Key)))
        {
            if (key == "Epochs") continue;
            bool inSaved = saved.TryGetPropertyValue(key, out var before), inCurrent = current.TryGetPropertyValue(key, out var now);
            if (!inSaved || !inCurrent)
                throw new TrainDslException($"The experiment's settings changed since run folder '{folder.Path}' was written ({key} is {(inSaved ? "gone" : "new")}); start a new run without --resume.");
            if (!JsonNode.DeepEquals(before, now))
                throw new TrainDslException($"Run folder '{folder.Path}' was trained with {key} = {Text(before)}, but this run has {Text(now)}; resume with the same value (--set {key}={Text(before)}), or start a new run without --resume.");
        }
    }

    private static string Text(JsonNode? value) => value switch
    {
        null => "null",
        JsonArray array => string.Join(",", array.Select(Text)),
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => value.ToJsonString(),
    };

    private static byte[]? TryBase64(string text)
    {
        try { return Convert.FromBase64String(text); }
        catch (FormatException) { return null; }
    }

    private static List<IResumable> Distinct(IResumable?[]? state)
    {
        var parts = (state ?? []).OfType<IResumable>().ToList();
        var twice = parts.GroupBy(p => p.ResumeKey).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new ArgumentException($"Two parts of the run save their state as '{twice.Key}'; pass each IResumable once (their ResumeKey must differ).", nameof(state));
        return parts;
    }

    private static OptimizerHelper Helper(optim.Optimizer optimizer) => optimizer as OptimizerHelper
        ?? throw new ArgumentException($"{optimizer.GetType().Name} cannot save its state; resume needs a TorchSharp optimizer such as optim.SGD or optim.AdamW.", nameof(optimizer));

    private static List<List<string>> ParameterGroups(optim.Optimizer optimizer) =>
        [.. optimizer.ParamGroups.Cast<ParamGroup>().Select(g => g.Parameters.Select(p => string.Join("x", p.shape)).ToList())];
}
