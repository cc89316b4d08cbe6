using System.Text.Json;

using TrainDsl.Runs;

namespace TrainDsl.Schedules;

/// <summary>
/// PyTorch's ReduceLROnPlateau (relative threshold mode): after each epoch, <see cref="Step"/> takes the
/// monitored metric; once it has failed to improve for more than <c>patience</c> epochs the rate becomes
/// max(lr·factor, minLr), then <c>cooldown</c> epochs pass before bad epochs count again. "Improve"
/// means a &gt; best·(1 + threshold) when maximising, a &lt; best·(1 − threshold) when minimising, as
/// PyTorch compares it (also for negative metrics). A reduction smaller than eps is skipped.
/// As an <see cref="ILrSchedule"/> its clock is the epochs it has observed: <see cref="At"/>(t) is the rate for
/// epoch t once epochs 0 … t − 1 are observed, and it ignores the base rate passed in (its own base is the
/// constructor's). It depends on the metrics seen, so a resumed run restores it with <see cref="SaveState"/> /
/// <see cref="LoadState"/>.
/// </summary>
public sealed class ReduceLROnPlateau : ILrSchedule
{
    /// <param name="baseLr">The rate before any reduction.</param>
    /// <param name="maximize">true for a metric that grows when the model improves (accuracy, F1), false for a loss.</param>
    /// <param name="factor">Multiplier applied on a plateau, in (0, 1).</param>
    /// <param name="patience">Epochs without improvement tolerated before reducing (≥ 0).</param>
    /// <param name="threshold">Relative improvement that counts as better (≥ 0).</param>
    /// <param name="cooldown">Epochs after a reduction during which bad epochs are not counted (≥ 0).</param>
    /// <param name="minLr">Floor for the rate (≥ 0).</param>
    /// <param name="eps">Reductions smaller than this are skipped (≥ 0).</param>
    public ReduceLROnPlateau(double baseLr, bool maximize, double factor = 0.1, int patience = 10,
        double threshold = 1e-4, int cooldown = 0, double minLr = 0, double eps = 1e-8)
    {
        ScheduleArguments.RequirePositive(baseLr, nameof(baseLr), "ReduceLROnPlateau's base learning rate");
        if (!(factor > 0 && factor < 1))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "ReduceLROnPlateau's factor must lie strictly between 0 and 1 (0.1 divides the rate by 10).");
        if (patience < 0)
            throw new ArgumentOutOfRangeException(nameof(patience), patience, "ReduceLROnPlateau's patience must be 0 or more epochs.");
        if (!(threshold >= 0) || double.IsInfinity(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "ReduceLROnPlateau's threshold must be a finite relative improvement ≥ 0 (1e-4 is PyTorch's default).");
        if (cooldown < 0)
            throw new ArgumentOutOfRangeException(nameof(cooldown), cooldown, "ReduceLROnPlateau's cooldown must be 0 or more epochs.");
        if (!(minLr >= 0) || double.IsInfinity(minLr))
            throw new ArgumentOutOfRangeException(nameof(minLr), minLr, "ReduceLROnPlateau's minimum rate must be a finite number ≥ 0.");
        if (!(eps >= 0) || double.IsInfinity(eps))
            throw new ArgumentOutOfRangeException(nameof(eps), eps, "ReduceLROnPlateau's eps must be a finite number ≥ 0.");
        BaseLr = baseLr;
        Maximize = maximize;
        Factor = factor;
        Patience = patience;
        Threshold = threshold;
        Cooldown = cooldown;
        MinLr = minLr;
        Eps = eps;
        LearningRate = baseLr;
        Best = WorstMetric;
    }

    public double BaseLr { get; }
    public bool Maximize { get; }
    public double Factor { get; }
    public int Patience { get; }
    public double Threshold { get; }
    public int Cooldown { get; }
    public double MinLr { get; }
    public double Eps { get; }

    /// <summary>The rate for the next epoch.</summary>
    public double LearningRate { get; private set; }

    /// <summary>The best metric so far (−∞ / +∞ before the first step when maximising / minimising).</summary>
    public double Best { get; private set; }

    /// <summary>Consecutive epochs without improvement (PyTorch's num_bad_epochs).</summary>
    public int BadEpochs { get; private set; }

    /// <summary>Epochs of cooldown left.</summary>
    public int CooldownCounter { get; private set; }

    /// <summary>How many times <see cref="Step"/> has run (PyTorch's last_epoch).</summary>
    public long Steps { get; private set; }

    private double WorstMetric => Maximize ? double.NegativeInfinity : double.PositiveInfinity;

    /// <summary>The rate for epoch <paramref name="t"/>, known once epochs 0 … t − 1 have been observed.</summary>
    public double At(long t, double baseLr)
    {
        RequireInOrder(t, "asked about");
        return LearningRate;
    }

    /// <summary>Steps with the metric of epoch <paramref name="epoch"/>; epochs are observed once each, in order.</summary>
    public void Observe(long epoch, double metric)
    {
        RequireInOrder(epoch, "told about");
        Step(metric);
    }

    public bool ObservesMetrics => true;

    // Epoch t is only known after epochs 0 .. t − 1 have been observed.
    private void RequireInOrder(long epoch, string what)
    {
        ScheduleArguments.RequireTime(epoch);
        if (epoch != Steps)
            throw new InvalidOperationException(
                $"The plateau schedule is at epoch {Steps} but was {what} epoch {epoch}; observe each epoch's metric once, in order (and LoadState before resuming).");
    }

    /// <summary>Records the metric of the epoch just finished and returns the rate for the next one (PyTorch's step).</summary>
    public double Step(double metric)
    {
        Steps++;
        if (IsBetter(metric))
        {
            Best = metric;
            BadEpochs = 0;
        }
        else
        {
            BadEpochs++;
        }
        if (CooldownCounter > 0)
        {
            CooldownCounter--;
            BadEpochs = 0; // bad epochs during cooldown are ignored
        }
        if (BadEpochs > Patience)
        {
            double reduced = Math.Max(LearningRate * Factor, MinLr);
            if (LearningRate - reduced > Eps) LearningRate = reduced;
            CooldownCounter = Cooldown;
            BadEpochs = 0;
        }
        return LearningRate;
    }

    // PyTorch's threshold_mode='rel'; NaN is never better, so it counts as a bad epoch.
    private bool IsBetter(double metric) =>
        Maximize ? metric > Best * (1 + Threshold) : metric < Best * (1 - Threshold);

    /// <summary>The name of this state in a run's resume.json.</summary>
    public string ResumeKey => "plateau";

    /// <summary>The state a resumed run needs (rate, best, counters), as JSON; the settings come from the constructor.</summary>
    public string SaveState() => JsonSerializer.Serialize(
        new PlateauState(Maximize, LearningRate, Best, BadEpochs, CooldownCounter, Steps), RunJson.Default.PlateauState);

    /// <summary>Restores what <see cref="SaveState"/> wrote, into a scheduler built with the same settings.</summary>
    public void LoadState(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        PlateauState? state;
        try
        {
            state = JsonSerializer.Deserialize(json, RunJson.Default.PlateauState);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The saved ReduceLROnPlateau state is not valid JSON ({e.Message}); pass the text SaveState wrote.", nameof(json), e);
        }
        if (state is null || !(state.LearningRate > 0) || double.IsNaN(state.Best) || state.BadEpochs < 0 || state.CooldownCounter < 0 || state.Steps < 0)
            throw new ArgumentException("The saved ReduceLROnPlateau state is incomplete or out of range; pass the text SaveState wrote.", nameof(json));
        if (state.Maximize != Maximize)
            throw new ArgumentException(
                $"The saved ReduceLROnPlateau state was made for a metric to {(state.Maximize ? "maximise" : "minimise")}, but this one is set to {(Maximize ? "maximise" : "minimise")}; monitor the same metric when resuming.", nameof(json));
        LearningRate = state.LearningRate;
        Best = state.Best;
        BadEpochs = state.BadEpochs;
        CooldownCounter = state.CooldownCounter;
        Steps = state.Steps;
    }

    internal sealed record PlateauState(bool Maximize, double LearningRate, double Best, int BadEpochs, int CooldownCounter, long Steps);
}
