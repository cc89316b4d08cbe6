namespace TrainDsl.Runs;

/// <summary>
/// State a resumed run must restore beyond the weights and the optimizer: a loss scaler's scale, a plateau
/// schedule's counters, a random generator's position. <see cref="TrainSession.SaveResumePoint"/> stores each
/// one's <see cref="SaveState"/> in resume.json under its <see cref="ResumeKey"/>, and
/// <see cref="TrainSession.Resume"/> hands it back to <see cref="LoadState"/>, so the resumed run continues
/// exactly where an uninterrupted one would be.
/// </summary>
public interface IResumable
{
    /// <summary>The name of this state in resume.json, e.g. "lossScaler", "plateau", "mixing"; unique within a run.</summary>
    string ResumeKey { get; }

    /// <summary>The state as JSON text; null when there is nothing to save.</summary>
    string? SaveState();

    /// <summary>Restores what <see cref="SaveState"/> wrote, into an object built with the same settings.</summary>
    void LoadState(string json);
}
