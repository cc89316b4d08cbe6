using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrainDsl.Runs;

/// <summary>
/// One run's folder: plan.json, metrics.csv (a row per epoch, flushed as it is written),
/// summary.json, the final checkpoint model.bin (and the same weights as model.safetensors, for PyTorch), best.bin, and the resume point (resume.json, last.bin,
/// last.optim.bin). Files are replaced atomically, so a run that stops early keeps everything it wrote.
/// </summary>
public sealed class RunFolder
{
    public const string PlanFile = "plan.json";
    public const string MetricsFile = "metrics.csv";
    public const string SummaryFile = "summary.json";
    public const string CheckpointFile = "model.bin";
    public const string BestCheckpointFile = "best.bin";
    /// <summary>The final weights as safetensors, named as PyTorch's state_dict, so PyTorch loads them as they are.</summary>
    public const string SafeTensorsFile = "model.safetensors";
    public const string ConfusionFile = "confusion_matrix.csv";
    public const string PerClassFile = "per_class.txt";
    /// <summary>Where a run stands after its last completed epoch (see <see cref="TrainSession.SaveResumePoint"/>).</summary>
    public const string ResumeFile = "resume.json";
    /// <summary>The weights of the resume point.</summary>
    public const string ResumeWeightsFile = "last.bin";
    /// <summary>The optimizer state of the resume point (momentum buffers, Adam moments).</summary>
    public const string ResumeOptimizerFile = "last.optim.bin";

    // A new resume point is staged as *.new files; resume.json.new appearing (by a rename) commits it.
    private const string Staged = ".new";

    private bool headerWritten;

    private RunFolder(string path) => Path = path;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    public string CheckpointPath => System.IO.Path.Combine(Path, CheckpointFile);

    public string BestCheckpointPath => System.IO.Path.Combine(Path, BestCheckpointFile);

    public string SafeTensorsPath => System.IO.Path.Combine(Path, SafeTensorsFile);

    public string ResumePath => System.IO.Path.Combine(Path, ResumeFile);

    public string ResumeWeightsPath => System.IO.Path.Combine(Path, ResumeWeightsFile);

    public string ResumeOptimizerPath => System.IO.Path.Combine(Path, ResumeOptimizerFile);

    /// <summary>Creates <c>root/experiment/yyyyMMdd-HHmmss</c> (with a suffix if that exists already).</summary>
    public static RunFolder Create(string root, string experiment)
    {
        var parent = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, experiment));
        var stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        try
        {
            Directory.CreateDirectory(parent);
            for (int n = 1; ; n++)
            {
                var candidate = System.IO.Path.Combine(parent, n == 1 ? stamp : $"{stamp}-{n}");
                if (Directory.Exists(candidate)) continue;
                Directory.CreateDirectory(candidate);
                return new RunFolder(candidate);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrainDslException(
                $"Cannot create the run folder under '{parent}' ({e.Message}); pass a writable folder with --out.", e);
        }
    }

    /// <summary>Creates the run folder <paramref name="path"/> itself, which must be empty or absent (a run never mixes with another's files).</summary>
    public static RunFolder CreateAt(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        try
        {
            if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
                throw new TrainDslException($"Run folder '{full}' is not empty; remove it, or choose another folder.");
            Directory.CreateDirectory(full);
            return new RunFolder(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrainDslException($"Cannot create the run folder '{full}' ({e.Message}); pass a writable folder with --out.", e);
        }
    }

    /// <summary>Reopens the folder of an earlier run to continue it; new metrics.csv rows go after the old ones.</summary>
    public static RunFolder Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full))
            throw new TrainDslException($"Run folder '{full}' does not exist; pass the folder of an earlier run (runs/<Experiment>/<yyyyMMdd-HHmmss>) to --resume.");
        if (!File.Exists(System.IO.Path.Combine(full, PlanFile)))
            throw new TrainDslException($"'{full}' is not a run folder (it has no {PlanFile}); pass the folder of an earlier run (runs/<Experiment>/<yyyyMMdd-HHmmss>) to --resume.");
        var metrics = new FileInfo(System.IO.Path.Combine(full, MetricsFile));
        return new RunFolder(full) { headerWritten = metrics.Exists && metrics.Length > 0 };
    }

    /// <summary>plan.json as written, for checking that a resumed run trains the same recipe.</summary>
    public JsonObject ReadPlan()
    {
        var path = System.IO.Path.Combine(Path, PlanFile);
        try
        {
            return JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new FormatException("it is empty");
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new TrainDslException($"'{path}' cannot be read ({e.Message}); resume a run folder written by TrainDsl, or start a new run without --resume.", e);
        }
    }

    /// <summary>
    /// Saves a resume point: the weights and optimizer state through <paramref name="writeWeights"/> and
    /// <paramref name="writeOptimizer"/> (given the path to write), then resume.json. Everything is first written
    /// as *.new files and committed by one rename of resume.json.new, so a crash at any moment leaves either the
    /// previous point or, after <see cref="RecoverResumePoint"/>, the new one, never a mix.
    /// </summary>
    internal void SaveResumePoint(Action<string> writeWeights, Action<string> writeOptimizer, string resumeJson)
    {
        try
        {
            StageResumePoint(writeWeights, writeOptimizer, resumeJson);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Uncommitted (resume.json.new is written last), so the previous point stays; drop the partial files.
            if (!File.Exists(ResumePath + Staged))
                foreach (var file in new[] { ResumeWeightsPath + Staged, ResumeOptimizerPath + Staged, ResumePath + ".tmp" })
                    TryDelete(file);
            throw CannotWrite(ResumePath, e);
        }
    }

    private void StageResumePoint(Action<string> writeWeights, Action<string> writeOptimizer, string resumeJson)
    {
        writeWeights(ResumeWeightsPath + Staged);
        CrashTestPause.BeforeCommit();
        writeOptimizer(ResumeOptimizerPath + Staged);
        CrashTestPause.BeforeCommit();
        var temp = ResumePath + ".tmp";
        File.WriteAllText(temp, resumeJson);
        CrashTestPause.BeforeCommit();
        File.Move(temp, ResumePath + Staged, overwrite: true); // the commit
        CrashTestPause.BeforeCommit();
        RecoverResumePoint();
    }

    /// <summary>
    /// Finishes a committed resume point that a crash interrupted, or discards an uncommitted one, and deletes the
    /// temporary files of writes a crash cut short (only this run writes its folder).
    /// </summary>
    internal void RecoverResumePoint()
    {
        string[] files = [ResumeWeightsPath, ResumeOptimizerPath];
        if (File.Exists(ResumePath + Staged))
        {
            foreach (var file in files)
            {
                if (File.Exists(file + Staged)) File.Move(file + Staged, file, overwrite: true);
                CrashTestPause.BeforeCommit();
            }
            File.Move(ResumePath + Staged, ResumePath, overwrite: true); // last: it names the epoch the files hold
        }
        else
        {
            foreach (var file in files) File.Delete(file + Staged);
        }
        foreach (var temp in Directory.EnumerateFiles(Path, "*.tmp")) File.Delete(temp);
    }

    /// <summary>resume.json, or null when the run has no resume point yet.</summary>
    internal ResumePoint? ReadResumePoint()
    {
        if (!File.Exists(ResumePath)) return null;
        try
        {
            return ResumePoint.Parse(File.ReadAllText(ResumePath));
        }
        catch (FormatException e)
        {
            throw new TrainDslException($"'{ResumePath}' cannot be read ({e.Message}); restore it from a backup, or start a new run without --resume.", e);
        }
    }

    /// <summary>
    /// Keeps the header and the first <paramref name="epochs"/> rows of metrics.csv, dropping rows of epochs that
    /// ended after the resume point (a stopped partial epoch, which a resumed run trains again); returns how many it dropped.
    /// </summary>
    internal int TrimMetrics(int epochs)
    {
        var path = System.IO.Path.Combine(Path, MetricsFile);
        if (!File.Exists(path)) return 0;
        var lines = File.ReadAllLines(path);
        int extra = lines.Length - 1 - epochs;
        if (extra <= 0) return 0;
        WriteAtomically(MetricsFile, string.Concat(lines.Take(1 + epochs).Select(line => line + "\n")));
        return extra;
    }

    /// <summary>
    /// The <paramref name="file"/> (model.bin unless named, e.g. best.bin) of the newest run of <paramref name="experiment"/>
    /// under <paramref name="root"/> that has one, or null.
    /// </summary>
    public static string? NewestCheckpoint(string root, string experiment, string file = CheckpointFile)
    {
        var folder = System.IO.Path.Combine(root, experiment);
        return Directory.Exists(folder)
            ? Directory.GetDirectories(folder)
                .Select(run => System.IO.Path.Combine(run, file))
                .Where(File.Exists)
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault()
            : null;
    }

    public void WritePlan(RecipePlan plan) => WriteAtomically(PlanFile, plan.ToJson());

    public void WriteSummary(RunSummary summary) =>
        WriteAtomically(SummaryFile, JsonSerializer.Serialize(summary, RunJson.Default.RunSummary));

    /// <summary>Appends one epoch's row (<see cref="EpochRecord.Cells"/>); the header comes from the first row's columns.</summary>
    public void AppendEpoch(EpochRecord record)
    {
        var cells = record.Cells();
        var sb = new StringBuilder();
        if (!headerWritten)
        {
            sb.AppendJoin(',', cells.Select(cell => cell.Key)).Append('\n');
            headerWritten = true;
        }
        sb.AppendJoin(',', cells.Select(cell => cell.Value)).Append('\n');
        var path = System.IO.Path.Combine(Path, MetricsFile);
        try
        {
            File.AppendAllText(path, sb.ToString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite(path, e);
        }
    }

    /// <summary>The matrix as CSV (rows = true class) and the readable per-class report.</summary>
    public void WriteConfusion(Metrics.ConfusionMatrix confusion)
    {
        var m = confusion.Matrix;
        var sb = new StringBuilder();
        sb.Append("true\\predicted");
        for (int c = 0; c < confusion.Classes; c++) sb.Append(',').Append(confusion.ClassName(c));
        sb.Append('\n');
        for (int r = 0; r < confusion.Classes; r++)
        {
            sb.Append(confusion.ClassName(r));
            for (int c = 0; c < confusion.Classes; c++) sb.Append(',').Append(m[r, c].ToString(CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        WriteAtomically(ConfusionFile, sb.ToString());
        WriteAtomically(PerClassFile, confusion.ToString() + "\n");
    }

    private void WriteAtomically(string name, string text)
    {
        var target = System.IO.Path.Combine(Path, name);
        var temp = target + ".tmp";
        try
        {
            File.WriteAllText(temp, text);
            CrashTestPause.BeforeCommit();
            File.Move(temp, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw CannotWrite(target, e);
        }
    }

    /// <summary>The one sentence for a run file that could not be written (a full disk, a read-only folder).</summary>
    internal static TrainDslException CannotWrite(string path, Exception e) => new(
        $"Cannot write '{path}' ({e.Message.TrimEnd('.')}); free disk space or make the folder writable, then resume the run with --resume.", e);

    internal static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
