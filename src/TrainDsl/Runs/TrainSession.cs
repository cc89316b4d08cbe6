using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using TorchSharp;
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
    private readonly RunResume resume;
    private readonly TensorBoard.RunLog tensorBoard;
    private bool epochComplete;  // whether the last epoch closed by EpochDone ran all its steps
    private long stepsAtStart;   // steps of the earlier sessions of a resumed run
    private long earlierImages;
    private double earlierSeconds;
    private long epochLossImages; // images of this epoch's steps with a finite loss (the mean's denominator)
    private readonly NonFiniteSteps nonFinite;
    private string? failure; // the sentence of a run file that could not be written

    // Tensors the loaders' prefetch workers made and handed to this thread (which frees them): with this thread's own
    // count, the run's live tensors.
    private readonly StrongBox<long> handedOver = Data.Prefetcher.HandedOver.Value ??= new StrongBox<long>();

    private TrainSession(RecipePlan plan, RunSettings settings, RunFolder folder, ResumePoint? resumePoint)
    {
        Plan = plan;
        this.settings = settings;
        Folder = folder;
        resume = new RunResume(folder, plan, resumePoint, Note);
        nonFinite = new NonFiniteSteps(settings.MaxNonFiniteSteps);
        progress = new ProgressDisplay(settings.Log, settings.LiveProgress);
        tensorBoard = new TensorBoard.RunLog(folder.Path, plan);
    }

    public RecipePlan Plan { get; private set; }
    public RunFolder Folder { get; }

    /// <summary>Optimizer steps taken so far.</summary>
    public long Steps { get; private set; }

    public IReadOnlyList<EpochRecord> History => history;

    /// <summary>True once this session's step budget is spent, cancellation was requested, the run stopped early or it diverged.</summary>
    public bool ShouldStop =>
        (settings.MaxSteps > 0 && Steps - stepsAtStart >= settings.MaxSteps) || settings.Cancellation.IsCancellationRequested
        || stoppedEarly is not null || Diverged;

    // The epoch (1-based) early stopping ended the run after, and why.
    private (int Epoch, string Reason)? stoppedEarly;

    /// <summary>
    /// After an epoch (and after SaveIfBest): gives <paramref name="value"/> of <paramref name="metric"/> to
    /// <paramref name="rule"/> and, when it says so, ends the run after this epoch: <see cref="ShouldStop"/> turns true,
    /// and the summary's status is "stopped-early" with the epoch. Returns whether the run stops. An epoch cut short
    /// (max steps, Ctrl-C) is not observed: it is no resume point, and a resumed run trains it again.
    /// </summary>
    public bool StopEarlyIf(EarlyStopping rule, int epoch, string metric, double value)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!epochComplete || !rule.Observe(epoch, value)) return false;
        stoppedEarly = (rule.StoppedEpoch!.Value, rule.Reason(metric));
        progress.Note(string.Create(CultureInfo.InvariantCulture, $"stopping early after epoch {stoppedEarly.Value.Epoch}: {stoppedEarly.Value.Reason}"));
        return true;
    }

    /// <summary>
    /// Whether <see cref="RunSettings.MaxNonFiniteSteps"/> steps in a row had a non-finite loss or gradient (see
    /// <see cref="IsFinite"/>); the run then stops, saves no resume point or best.bin, and ends as "diverged".
    /// </summary>
    public bool Diverged => nonFinite.Divergence is not null;

    /// <summary>
    /// Whether this step's <paramref name="loss"/> and the gradients of <paramref name="gradientsOf"/> (after backward)
    /// are finite; call it before the optimizer step and skip the step when it is false. With fp16 mixed precision pass
    /// no model: the loss scaler skips a step whose gradients overflowed and lowers the scale, which is not divergence.
    /// <see cref="RunSettings.MaxNonFiniteSteps"/> non-finite steps in a row stop the run (<see cref="Diverged"/>).
    /// </summary>
    public bool IsFinite(Tensor loss, nn.Module? gradientsOf = null) => nonFinite.Check(loss, gradientsOf, Steps);

    /// <summary>
    /// Loads libtorch, applies thread settings, keeps freed tensor memory for reuse (<see cref="NativeMemory.KeepFreedForReuse"/>),
    /// creates the run folder, writes the plan and opens the TensorBoard log (tb/, <see cref="TensorBoard.RunLog"/>). With
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
        if (settings.Resume is { } path)
        {
            (folder, point) = RunResume.Open(path, plan);
        }
        else
        {
            folder = settings.RunFolder is { } exact ? RunFolder.CreateAt(exact) : RunFolder.Create(settings.OutputRoot, plan.Experiment);
            folder.WritePlan(plan);
        }
        var session = new TrainSession(plan, settings, folder, point);
        var c = CultureInfo.InvariantCulture;
        var what = point is null ? string.Create(c, $"{plan.Epochs} epochs × {plan.StepsPerEpoch} steps")
            : point.EpochsCompleted >= plan.Epochs ? string.Create(c, $"all {plan.Epochs} epochs done ({point.Steps} steps), only saving the final weights it stopped before")
            : string.Create(c, $"resuming from epoch {point.EpochsCompleted + 1} of {plan.Epochs} ({point.EpochsCompleted} done, {point.Steps} steps) × {plan.StepsPerEpoch} steps");
        session.progress.Note(string.Create(c,
            $"{plan.Experiment}: {what}, batch {Batch(plan)}, lr {plan.LearningRate:G6} ({plan.LearningRateSource}), {torch.get_num_threads()} threads -> {folder.Path}"));
        foreach (var note in plan.Notes) session.progress.Note("note: " + note);
        return session;
    }

    /// <summary>
    /// Records what loading the data established (its source, class names and normalisation statistics) in the
    /// plan and plan.json, and shows the source. Call it once, right after loading.
    /// </summary>
    public void DataLoaded(Data.DatasetSplits data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Plan = Plan.WithLoadedData(data);
        Folder.WritePlan(Plan);
        var classes = string.Join(", ", data.Train.ClassNames.Take(10)) + (data.Train.Classes > 10 ? $", … ({data.Train.Classes - 10} more)" : "");
        var validation = data.Validation is { } held ? string.Create(CultureInfo.InvariantCulture, $", {held.Count:N0} validation") : "";
        progress.Note(string.Create(CultureInfo.InvariantCulture,
            $"data: {data.Source} {data.Train.Count:N0} train{validation} and {data.Test.Count:N0} test images of {data.Train.Classes} classes: {classes}."));
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
        if (resume.Restore(model, optimizer, state) is not { } from) return 0;
        Steps = stepsAtStart = from.Steps;
        earlierImages = from.Images;
        earlierSeconds = from.Seconds;
        Best = from.Best;
        history.AddRange(from.History);
        return from.History.Count;
    }

    /// <summary>
    /// After an epoch (called after EpochDone and SaveIfBest): saves the resume point — weights (last.bin), optimizer
    /// state (last.optim.bin), and resume.json (epoch count, Steps, Best, history, the global random state, each
    /// state by key) — atomically, resume.json last, so a crash leaves the previous point intact. An epoch that
    /// stopped before its last step (max steps, Ctrl-C) is not a resume point: the previous one stays, and a
    /// resumed run trains that epoch again.
    /// </summary>
    public void SaveResumePoint(nn.Module model, optim.Optimizer optimizer, params IResumable?[] state) =>
        Writing(() => resume.Save(model, optimizer, state, ResumeStanding));

    // A run file that cannot be written (a full disk, a read-only folder) ends the run with its one sentence; the
    // summary is still written when the disk allows it (it is small), with status "failed".
    private void Writing(Action write)
    {
        try
        {
            write();
        }
        catch (TrainDslException e) when (e.InnerException is IOException or UnauthorizedAccessException && failure is null)
        {
            failure = e.Message;
            try { Finish(checkpoint: null); } catch (TrainDslException) { }
            throw;
        }
    }

    // What a resume point saved now would hold; null when there is none to save.
    private RunResume.Standing? ResumeStanding()
    {
        if (history.Count == 0) return null;
        if (Diverged)
        {
            Note(string.Create(CultureInfo.InvariantCulture,
                $"epoch {history[^1].Epoch} diverged, so it is not a resume point"));
            return null;
        }
        if (!epochComplete)
        {
            Note(string.Create(CultureInfo.InvariantCulture,
                $"epoch {history[^1].Epoch} stopped after {epochBatch} of {Plan.StepsPerEpoch} steps, so it is not a resume point; --resume trains it again"));
            return null;
        }
        return new(Steps, earlierImages + totalImages, earlierSeconds + total.Elapsed.TotalSeconds, Best, history);
    }

    /// <summary>Marks the start of an epoch (for its timing).</summary>
    public void BeginEpoch()
    {
        if (resume.RestorePending)
            throw new InvalidOperationException(
                $"This session resumes '{Folder.Path}': call Resume(model, optimizer, ...) before the first epoch and start at the epoch it returns.");
        epochLossSum = 0;
        epochLossImages = 0;
        epochImages = 0;
        epochBatch = 0;
        trainingTime = TimeSpan.Zero;
        epochClock.Restart();
    }

    /// <summary>Records a finished optimizer step: its mean loss, the rate it used and the images it saw (also in TensorBoard).</summary>
    public void StepDone(int epoch, double loss, double lr, int images)
    {
        Steps++;
        epochBatch++;
        lastLr = lr;
        // A skipped non-finite step is counted, but its loss would make the epoch's mean NaN.
        if (double.IsFinite(loss))
        {
            epochLossSum += loss * images;
            epochLossImages += images;
        }
        epochImages += images;
        totalImages += images;
        trainingTime = epochClock.Elapsed;
        tensorBoard.Step(Steps, loss, lr);
        var rate = epochImages / Math.Max(trainingTime.TotalSeconds, 1e-9);
        progress.Step(epoch, Plan.Epochs, epochBatch, Plan.StepsPerEpoch, loss, lr, rate, Eta(epoch, rate));
    }

    /// <summary>Closes an epoch: writes its metrics.csv row (and the same values to TensorBoard) and prints its summary.</summary>
    public EpochRecord EpochDone(int epoch, IReadOnlyList<KeyValuePair<string, double>> test)
    {
        var seconds = epochClock.Elapsed.TotalSeconds;
        // Before RSS is read: memory the epoch freed goes back to the system, so the column shows what the run holds.
        NativeMemory.ReleaseFreed();
        var record = new EpochRecord(
            epoch + 1,
            epochLossImages == 0 ? double.NaN : epochLossSum / epochLossImages,
            lastLr,
            seconds,
            epochImages / Math.Max(trainingTime.TotalSeconds, 1e-9),
            test)
        {
            LiveTensors = DisposeScopeManager.Statistics.ThreadTotalLiveCount + Interlocked.Read(ref handedOver.Value),
            ResidentMiB = Environment.WorkingSet / (1024.0 * 1024.0),
        };
        history.Add(record);
        epochComplete = epochBatch >= Plan.StepsPerEpoch;
        Writing(() => Folder.AppendEpoch(record));
        tensorBoard.Epoch(record);
        progress.Epoch(record, Plan.Epochs);
        return record;
    }

    /// <summary>The best value of the primary metric so far, and the epoch (1-based) it came from.</summary>
    public (double Value, int Epoch)? Best { get; private set; }

    /// <summary>
    /// Saves the weights as best.bin when <paramref name="value"/> of the primary metric beats every
    /// earlier epoch (higher or lower as <paramref name="maximize"/> says); returns whether it did. A diverged run
    /// and weights holding inf or NaN are never saved.
    /// </summary>
    public bool SaveIfBest(nn.Module model, double value, bool maximize)
    {
        if (double.IsNaN(value) || Diverged) return false;
        if (Best is { } best && (maximize ? value <= best.Value : value >= best.Value)) return false;
        if (NonFiniteSteps.FirstNonFiniteParameter(model) is { } bad)
        {
            Note($"epoch {history.Count}'s weights hold inf or NaN ({bad}), so they were not saved as best.bin");
            return false;
        }
        Writing(() => Checkpoint.Save(model, Folder.BestCheckpointPath));
        Best = (value, history.Count);
        return true;
    }

    /// <summary>Prints the final per-class report and saves it as confusion_matrix.csv, per_class.txt and confusion.png.</summary>
    public void ReportConfusion(Metrics.ConfusionMatrix confusion)
    {
        Folder.WriteConfusion(confusion);
        progress.Note(confusion.ToString());
        var names = Enumerable.Range(0, confusion.Classes).Select(confusion.ClassName).ToList();
        Draw(Plots.ConfusionPlot.FileName, path => Plots.ConfusionPlot.Save(path, confusion.Matrix, names, Plan.Experiment + ": test set"));
    }

    /// <summary>Prints a note on its own line (and keeps it in the summary).</summary>
    public void Note(string text)
    {
        notes.Add(text);
        progress.Note("note: " + text);
    }

    /// <summary>
    /// Saves the final weights into the run folder as model.bin and model.safetensors (the same weights, for PyTorch)
    /// and returns model.bin's path; null, with a note, when they hold inf or NaN (a diverged run), which no
    /// checkpoint should carry.
    /// </summary>
    public string? SaveCheckpoint(nn.Module model)
    {
        if (NonFiniteSteps.FirstNonFiniteParameter(model) is { } bad)
        {
            Note($"the final weights hold inf or NaN ({bad}), so {RunFolder.CheckpointFile} and {RunFolder.SafeTensorsFile} were not written");
            return null;
        }
        Writing(() => Checkpoint.Save(model, Folder.CheckpointPath));
        Writing(() => Checkpoint.Save(model, Folder.SafeTensorsPath));
        return Folder.CheckpointPath;
    }

    /// <summary>Writes summary.json and curves.png, closes the TensorBoard log and prints where the run is.</summary>
    public RunSummary Finish(string? checkpoint)
    {
        var last = history.Count > 0 ? history[^1] : null;
        if (last is not null) // before the summary, which keeps its notes
            Draw(Plots.CurvesPlot.FileName, path => Plots.CurvesPlot.Save(path, MetricsTable.Of(history), Plan.Experiment, Plan.PrimaryMetric));
        var summary = new RunSummary
        {
            Experiment = Plan.Experiment,
            // A step budget that ends exactly with the last epoch stopped nothing: the run is complete.
            Status = failure is not null ? RunSummary.FailedStatus
                : Diverged ? RunSummary.DivergedStatus
                : settings.Cancellation.IsCancellationRequested ? "interrupted"
                : stoppedEarly is not null ? "stopped-early"
                : history.Count >= Plan.Epochs && epochComplete ? "completed"
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
            SelectedOn = Plan.ValidationSize is null ? "test" : "validation",
            StoppedEpoch = stoppedEarly?.Epoch,
            StopReason = stoppedEarly?.Reason,
            Notes = [.. Plan.Notes.Concat(notes).Distinct()],
            Reason = failure ?? nonFinite.Divergence,
            NonFiniteSteps = nonFinite.Skipped,
        };
        Folder.WriteSummary(summary);
        tensorBoard.Finish(interrupted: summary.Status == "interrupted");
        progress.Note(string.Create(CultureInfo.InvariantCulture,
            $"{summary.Status}{(stoppedEarly is { } stop ? $" after epoch {stop.Epoch} ({stop.Reason})" : "")} in {ProgressDisplay.Format(total.Elapsed)}; results in {Folder.Path}"));
        return summary;
    }

    // A picture that cannot be drawn (no usable font, say) costs a note, not the trained run.
    private void Draw(string fileName, Action<string> save)
    {
        var path = System.IO.Path.Combine(Folder.Path, fileName);
        try
        {
            save(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Note($"{fileName} was not drawn ({e.GetType().Name}: {e.Message}); the run's numbers are in {RunFolder.MetricsFile}.");
        }
    }
    // "128", or with accumulation "32 × 4 = 128".
    private static string Batch(RecipePlan plan) => plan.AccumulationSteps is null
        ? plan.BatchSize.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{plan.BatchSize} × {plan.AccumulationSteps} = {plan.EffectiveBatchSize}");

    private TimeSpan Eta(int epoch, double imagesPerSecond)
    {
        long stepsLeft = (long)(Plan.Epochs - epoch) * Plan.StepsPerEpoch - epochBatch;
        if (settings.MaxSteps > 0) stepsLeft = Math.Min(stepsLeft, settings.MaxSteps - (Steps - stepsAtStart));
        var seconds = Math.Max(0, stepsLeft) * (double)Plan.EffectiveBatchSize / Math.Max(imagesPerSecond, 1e-9);
        return TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2));
    }
}
