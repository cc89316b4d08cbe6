using System.Globalization;
using Tensorboard;
using TrainDsl.Runs;

namespace TrainDsl.TensorBoard;

/// <summary>
/// A run's TensorBoard log, <c>tb/</c> in its run folder (<c>tensorboard --logdir runs</c> shows every run):
/// <list type="bullet">
/// <item><c>train/loss</c> and <c>train/lr</c> at every optimizer step (x = the run's step count);</item>
/// <item><c>epoch/&lt;column&gt;</c> for every metrics.csv column at every epoch (x = the epoch, 1-based), the
/// value being the one metrics.csv holds;</item>
/// <item>the plan's settings (<see cref="PlanSettings"/>) for the HPARAMS tab, and the plan as text.</item>
/// </list>
/// A resumed run adds a new event file to the same folder; its steps and epochs continue the earlier ones.
/// </summary>
internal sealed class RunLog : IDisposable
{
    public const string FolderName = "tb";
    public const string EpochPrefix = "epoch/";

    private readonly EventFile file;

    public RunLog(string runFolder, RecipePlan plan)
    {
        file = new EventFile(System.IO.Path.Combine(runFolder, FolderName));
        var settings = PlanSettings.Of(plan);
        double now = EventFile.WallTime();
        Write(0, HParamsSummary.SessionStart(settings, now));
        Write(0, TorchSharp.torch.utils.tensorboard.Summary.text("plan", "```\n" + plan.ToText() + "```"));
        file.Flush();
    }

    public string Path => file.Path;

    /// <summary>One optimizer step: its mean loss and the rate it used.</summary>
    public void Step(long step, double loss, double lr)
    {
        Scalar("train/loss", loss, step);
        Scalar("train/lr", lr, step);
    }

    /// <summary>One epoch: every cell of its metrics.csv row; then flushes, so TensorBoard shows the epoch.</summary>
    public void Epoch(EpochRecord record)
    {
        foreach (var (column, text) in record.Cells())
            if (column != "epoch") Scalar(EpochPrefix + column, double.Parse(text, CultureInfo.InvariantCulture), record.Epoch);
        file.Flush();
    }

    /// <summary>Closes the hparams session (succeeded unless <paramref name="interrupted"/>) and the file.</summary>
    public void Finish(bool interrupted)
    {
        Write(0, HParamsSummary.SessionEnd(!interrupted, EventFile.WallTime()));
        file.Dispose();
    }

    public void Dispose() => file.Dispose();

    private void Scalar(string tag, double value, long step)
    {
        var summary = new Summary();
        summary.Value.Add(new Summary.Types.Value { Tag = tag, SimpleValue = (float)value });
        Write(step, summary);
    }

    private void Write(long step, Summary summary) =>
        file.Write(new Event { WallTime = EventFile.WallTime(), Step = step, Summary = summary });
}
