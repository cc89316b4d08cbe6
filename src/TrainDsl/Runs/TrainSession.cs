using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainDsl.Runs;

/// <summary>
/// What every generated <c>Train</c> shares: the run folder, progress, timing, the step budget and
/// cancellation. The generated loop owns the recipe; this class owns the bookkeeping.
/// <para>Resuming: with <see cref="RunSettings.Resume"/> set, <see cref="Start"/> reopens that run folder and
/// checks it; the loop then starts at <see cref="Resume"/>'s epoch and calls <see cref="SaveResumePoint"/> after
/// each epoch.</para>
/// </summary>
public sealed class TrainSession
{
    private readonly RunSettings settings;
    private readonly ProgressDisplay progress;
    private readonly Stopwatch total = Stopwatch.StartNew();
    private readonly Stopwatch epochClock = new();
    private readonly List<EpochRecord> history = [];
    private readonly List<string> notes = [];
    private double epochLossSum;
    private long epochImages;
    private long totalImages;
    private int epochBatch;
    private double lastLr;
    private TimeSpan trainingTime; // of the current epoch: up to its last step, evaluation excluded
    private readonly ResumePoint? resumePoint; // the point to continue from, read and checked by Start
    private bool resumeCalled;
    private bool epochComplete;  // whether the last epoch closed by EpochDone ran all its steps
    private long stepsAtStart;   // steps of the earlier sessions of a resumed run
    private long earlierImages;
    private double earlierSeconds;

    private TrainSession(RecipePlan plan, RunSettings settings, RunFolder folder, ResumePoint? resumePoint)
    {
        Plan = plan;
        this.settings = settings;
        Folder = folder;
        this.resumePoint = resumePoint;
        progress = new ProgressDisplay(settings.Log, settings.LiveProgress);
    }

    public RecipePlan Plan { get; }
    public RunFolder Folder { get; }

    /// <summary>Optimizer steps taken so far.</summary>
    public long Steps { get; private set; }

    public IReadOnlyList<EpochRecord> History => history;

    /// <summary>True once this session's step budget is spent or cancellation was requested.</summary>
    public bool ShouldStop =>
        (settings.MaxSteps > 0 && Steps - stepsAtStart >= settings.MaxSteps) || settings.Cancellation.IsCancellationRequested;

    /// <summary>
    /// Loads libtorch, applies thread settings, keeps freed tensor memory for reuse (<see cref="NativeMemory.KeepFreedForReuse"/>),
    /// creates the run folder and writes the plan. With
    /// <see cref="RunSettings.Resume"/> set it reopens that folder instead, after checking that it holds a resume
    /// point of the same experiment and config (only Epochs may differ) with epochs left to train; any problem is
    /// one sentence (a <see cref="TrainDslException"/>) and leaves the folder as it was.
    /// </summary>
    public static TrainSession Start(RecipePlan plan, RunSettings? settings = null)
    {
        settings ??= RunSettings.Default;
        TorchRuntime.EnsureLoaded();
        if (settings.Threads > 0) torch.set_num_threads(settings.Threads);
        NativeMemory.KeepFreedForReuse();
        RunFolder folder;
        ResumePoint? point = null;
        if (settings.Resume is { } resume)
        {
            (folder, point) = OpenForResume(resume, plan);
        }
        else
        {
            folder = RunFolder.Create(settings.OutputRoot, plan.Experiment);
            folder.WritePlan(plan);
        }
        var session = new TrainSession(plan, settings, folder, point);
        var c = CultureInfo.InvariantCulture;
        var what = point is null
            ? string.Create(c, $"{plan.Epochs} epochs")
            : string.Create(c, $"resuming from epoch {point.EpochsCompleted + 1} of {plan.Epochs} ({point.EpochsCompleted} done, {point.Steps} steps)");
        session.progress.Note(string.Create(c,
            $"{plan.Experiment}: {what} × {plan.StepsPerEpoch} steps, batch {plan.BatchSize}, lr {plan.LearningRate:G6} ({plan.LearningRateSource}), {torch.get_num_threads()} threads -> {folder.Path}"));
        foreach (var note in plan.Notes) session.progress.Note("note: " + note);
        return session;
    }

    /// <summary>
    /// Continues the run named by settings.Resume, if any: loads the last resume point's weights into
    /// <paramref name="model"/>, the optimizer's state, steps taken, best metric, epoch history, the global random
    /// state and each <see cref="IResumable"/>'s state; returns the first epoch to train (0 for a new run). Null
    /// entries in <paramref name="state"/> are ignored. Call it once, after building everything and before the
    /// first epoch.
    /// </summary>
    public int Resume(nn.Module model, optim.Optimizer optimizer, params IResumable?[] state)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        var parts = Distinct(state);
        if (resumeCalled) throw new InvalidOperationException("TrainSession.Resume was already called; call it once, before the first epoch.");
        resumeCalled = true;
        if (resumePoint is not { } point) return 0;

        // Everything is checked before anything is loaded.
        var helper = Helper(optimizer);
        var where = $"The resume point in '{Folder.Path}'";
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
        foreach (var file in new[] { Folder.ResumeWeightsPath, Folder.ResumeOptimizerPath })
            if (!File.Exists(file))
                throw new TrainDslException($"{where} is incomplete ('{System.IO.Path.GetFileName(file)}' is missing); restore the file, or start a new run without --resume.");

        try
        {
            model.load(Folder.ResumeWeightsPath);
        }
        catch (Exception e) when (e is not TrainDslException)
        {
            throw new TrainDslException($"'{Folder.ResumeWeightsPath}' does not fit this experiment's model ({e.Message}); resume a run folder written by the same experiment.", e);
        }
        try
        {
            helper.load_state_dict(Folder.ResumeOptimizerPath);
        }
        catch (Exception e) when (e is not TrainDslException)
        {
            throw new TrainDslException($"'{Folder.ResumeOptimizerPath}' does not fit this optimizer ({e.Message}); resume with the optimizer settings the run was trained with.", e);
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
        using (var rng = torch.tensor(Convert.FromBase64String(point.TorchRandomState))) torch.set_rng_state(rng);

        Steps = stepsAtStart = point.Steps;
        earlierImages = point.Images;
        earlierSeconds = point.Seconds;
        Best = point.BestValue is { } value && point.BestEpoch is { } epoch ? (value, epoch) : null;
        history.AddRange(point.History.Select(ResumePoint.Record));
        // Only now, with everything loaded, does the folder change: the plan's new epoch count, and metrics.csv
        // without rows of an epoch that ended after the resume point (it is trained again).
        Folder.WritePlan(Plan);
        int dropped = Folder.TrimMetrics(point.EpochsCompleted);
        if (dropped > 0)
            Note(string.Create(CultureInfo.InvariantCulture,
                $"metrics.csv had {dropped} row(s) after epoch {point.EpochsCompleted}, the resume point; they were dropped and the epoch is trained again"));
        return point.EpochsCompleted;
    }

    /// <summary>
    /// After an epoch (called after EpochDone and SaveIfBest): saves the resume point — weights (last.bin), optimizer
    /// state (last.optim.bin), and resume.json (epoch count, Steps, Best, history, the global random state, each
    /// state by key) — atomically, resume.json last, so a crash leaves the previous point intact. An epoch that
    /// stopped before its last step (max steps, Ctrl-C) is not a resume point: the previous one stays, and a
    /// resumed run trains that epoch again.
    /// </summary>
    public void SaveResumePoint(nn.Module model, optim.Optimizer optimizer, params IResumable?[] state)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        var parts = Distinct(state);
        var helper = Helper(optimizer);
        if (history.Count == 0) return;
        if (!epochComplete)
        {
            Note(string.Create(CultureInfo.InvariantCulture,
                $"epoch {history[^1].Epoch} stopped after {epochBatch} of {Plan.StepsPerEpoch} steps, so it is not a resume point; --resume trains it again"));
            return;
        }
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
        var point = new ResumePoint
        {
            Experiment = Plan.Experiment,
            EpochsCompleted = history.Count,
            Steps = Steps,
            Images = earlierImages + totalImages,
            Seconds = earlierSeconds + total.Elapsed.TotalSeconds,
            BestValue = Best?.Value,
            BestEpoch = Best?.Epoch,
            Optimizer = optimizer.GetType().Name,
            ParameterGroups = ParameterGroups(optimizer),
            TorchRandomState = Convert.ToBase64String(rng.data<byte>().ToArray()),
            History = [.. history.Select(ResumePoint.Row)],
            State = saved,
        };
        Folder.SaveResumePoint(path => model.save(path), helper.save_state_dict, point.ToJson());
    }

    /// <summary>Marks the start of an epoch (for its timing).</summary>
    public void BeginEpoch()
    {
        if (settings.Resume is not null && !resumeCalled)
            throw new InvalidOperationException(
                $"This session resumes '{Folder.Path}': call Resume(model, optimizer, ...) before the first epoch and start at the epoch it returns.");
        epochLossSum = 0;
        epochImages = 0;
        epochBatch = 0;
        trainingTime = TimeSpan.Zero;
        epochClock.Restart();
    }

    /// <summary>Records a finished optimizer step: its mean loss, the rate it used and the images it saw.</summary>
    public void StepDone(int epoch, double loss, double lr, int images)
    {
        Steps++;
        epochBatch++;
        lastLr = lr;
        epochLossSum += loss * images;
        epochImages += images;
        totalImages += images;
        trainingTime = epochClock.Elapsed;
        var rate = epochImages / Math.Max(trainingTime.TotalSeconds, 1e-9);
        progress.Step(epoch, Plan.Epochs, epochBatch, Plan.StepsPerEpoch, loss, lr, rate, Eta(epoch, rate));
    }

    /// <summary>Closes an epoch: writes its metrics.csv row and prints its summary.</summary>
    public EpochRecord EpochDone(int epoch, IReadOnlyList<KeyValuePair<string, double>> test)
    {
        var seconds = epochClock.Elapsed.TotalSeconds;
        // Before RSS is read: memory the epoch freed goes back to the system, so the column shows what the run holds.
        NativeMemory.ReleaseFreed();
        var record = new EpochRecord(
            epoch + 1,
            epochImages == 0 ? double.NaN : epochLossSum / epochImages,
            lastLr,
            seconds,
            epochImages / Math.Max(trainingTime.TotalSeconds, 1e-9),
            test)
        {
            LiveTensors = DisposeScopeManager.Statistics.ThreadTotalLiveCount,
            ResidentMiB = Environment.WorkingSet / (1024.0 * 1024.0),
        };
        history.Add(record);
        epochComplete = epochBatch >= Plan.StepsPerEpoch;
        Folder.AppendEpoch(record);
        progress.Epoch(record, Plan.Epochs);
        return record;
    }

    /// <summary>The best value of the primary metric so far, and the epoch (1-based) it came from.</summary>
    public (double Value, int Epoch)? Best { get; private set; }

    /// <summary>
    /// Saves the weights as best.bin when <paramref name="value"/> of the primary metric beats every
    /// earlier epoch (higher or lower as <paramref name="maximize"/> says); returns whether it did.
    /// </summary>
    public bool SaveIfBest(nn.Module model, double value, bool maximize)
    {
        if (double.IsNaN(value)) return false;
        if (Best is { } best && (maximize ? value <= best.Value : value >= best.Value)) return false;
        Best = (value, history.Count);
        Checkpoint.Save(model, Folder.BestCheckpointPath);
        return true;
    }

    /// <summary>Prints the final per-class report and saves it as confusion_matrix.csv and per_class.txt.</summary>
    public void ReportConfusion(Metrics.ConfusionMatrix confusion)
    {
        Folder.WriteConfusion(confusion);
        progress.Note(confusion.ToString());
    }

    /// <summary>Prints a note on its own line (and keeps it in the summary).</summary>
    public void Note(string text)
    {
        notes.Add(text);
        progress.Note("note: " + text);
    }

    /// <summary>Saves the final weights into the run folder and returns the file's path.</summary>
    public string SaveCheckpoint(nn.Module model)
    {
        Checkpoint.Save(model, Folder.CheckpointPath);
        return Folder.CheckpointPath;
    }

    /// <summary>Writes summary.json and prints where the run is.</summary>
    public RunSummary Finish(string? checkpoint)
    {
        var last = history.Count > 0 ? history[^1] : null;
        var summary = new RunSummary
        {
            Experiment = Plan.Experiment,
            Status = settings.Cancellation.IsCancellationRequested ? "interrupted"
                : settings.MaxSteps > 0 && Steps - stepsAtStart >= settings.MaxSteps ? "max-steps"
                : "completed",
            RunFolder = Folder.Path,
            EpochsCompleted = history.Count,
            Steps = Steps,
            Seconds = earlierSeconds + total.Elapsed.TotalSeconds,
            ImagesPerSecond = (earlierImages + totalImages) / Math.Max(earlierSeconds + total.Elapsed.TotalSeconds, 1e-9),
            FinalTrainLoss = last?.TrainLoss ?? double.NaN,
            FinalMetrics = last?.Test.ToDictionary(m => m.Key, m => m.Value) ?? [],
            Checkpoint = checkpoint,
            BestCheckpoint = Best is null ? null : Folder.BestCheckpointPath,
            BestMetric = Best?.Value,
            BestEpoch = Best?.Epoch,
            Notes = [.. Plan.Notes.Concat(notes).Distinct()],
        };
        Folder.WriteSummary(summary);
        progress.Note(string.Create(CultureInfo.InvariantCulture,
            $"{summary.Status} in {ProgressDisplay.Format(total.Elapsed)}; results in {Folder.Path}"));
        return summary;
    }

    private static (RunFolder Folder, ResumePoint Point) OpenForResume(string path, RecipePlan plan)
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
        if (point.EpochsCompleted >= plan.Epochs)
            throw new TrainDslException(string.Create(CultureInfo.InvariantCulture,
                $"Run folder '{folder.Path}' has already completed {point.EpochsCompleted} epochs and this run asks for {plan.Epochs}; pass --epochs N with N > {point.EpochsCompleted} to train it further."));
        return (folder, point);
    }

    // The resumed run must train the same recipe; only Epochs may grow.
    private static void RequireSameConfig(RunFolder folder, JsonObject? saved, JsonObject current)
    {
        if (saved is null)
            throw new TrainDslException($"'{System.IO.Path.Combine(folder.Path, RunFolder.PlanFile)}' has no config; resume a run folder written by TrainDsl, or start a new run without --resume.");
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

    private TimeSpan Eta(int epoch, double imagesPerSecond)
    {
        long stepsLeft = (long)(Plan.Epochs - epoch) * Plan.StepsPerEpoch - epochBatch;
        if (settings.MaxSteps > 0) stepsLeft = Math.Min(stepsLeft, settings.MaxSteps - (Steps - stepsAtStart));
        var seconds = Math.Max(0, stepsLeft) * (double)Plan.BatchSize / Math.Max(imagesPerSecond, 1e-9);
        return TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2));
    }
}
