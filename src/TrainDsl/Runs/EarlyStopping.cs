using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrainDsl.Runs;

/// <summary>
/// Stops a run whose monitored metric has not improved for <see cref="Patience"/> epochs in a row, as Keras' and
/// Lightning's EarlyStopping do: an epoch improves when its value beats the best so far by more than
/// <see cref="MinDelta"/> (value &gt; best + MinDelta when maximizing, value &lt; best − MinDelta when minimizing; the
/// first finite value always does, NaN or an infinity never does); after <see cref="Patience"/> epochs without improvement the run stops.
/// Its counters are saved with each resume point (<see cref="IResumable"/>), so a resumed run stops where an
/// uninterrupted one would.
/// </summary>
public sealed class EarlyStopping : IResumable
{
    /// <summary>The key of this state in resume.json.</summary>
    public const string Key = "earlyStopping";

    public EarlyStopping(int patience, double minDelta, bool maximize)
    {
        if (patience < 1)
            throw new ArgumentOutOfRangeException(nameof(patience), patience, "Patience must be at least 1 epoch without improvement.");
        if (!(minDelta >= 0) || double.IsInfinity(minDelta))
            throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "MinDelta must be 0 or a positive finite number.");
        Patience = patience; MinDelta = minDelta; Maximize = maximize;
    }

    public int Patience { get; }
    public double MinDelta { get; }
    public bool Maximize { get; }

    /// <summary>The best value so far; null before the first epoch.</summary>
    public double? Best { get; private set; }

    /// <summary>Epochs since the last improvement.</summary>
    public int EpochsWithoutImprovement { get; private set; }

    /// <summary>The epoch (1-based) after which the run stopped; null while it goes on.</summary>
    public int? StoppedEpoch { get; private set; }

    /// <summary>Records epoch <paramref name="epoch"/>'s (0-based) value; returns true when the run must stop after it.</summary>
    public bool Observe(int epoch, double value)
    {
        if (StoppedEpoch is not null) return true;
        bool improved = double.IsFinite(value)
            && (Best is not { } best || (Maximize ? value > best + MinDelta : value < best - MinDelta));
        if (improved)
        {
            Best = value;
            EpochsWithoutImprovement = 0;
            return false;
        }
        if (++EpochsWithoutImprovement < Patience) return false;
        StoppedEpoch = epoch + 1;
        return true;
    }

    /// <summary>Why the run stopped, for the summary line: "no improvement of val_accuracy by more than 0 for 3 epochs".</summary>
    public string Reason(string metric) => string.Create(CultureInfo.InvariantCulture,
        $"no improvement of {metric} by more than {MinDelta:G6} for {Patience} epoch{(Patience == 1 ? "" : "s")}");

    string IResumable.ResumeKey => Key;

    string? IResumable.SaveState() => new JsonObject
    {
        ["best"] = Best,
        ["epochsWithoutImprovement"] = EpochsWithoutImprovement,
        ["stoppedEpoch"] = StoppedEpoch,
    }.ToJsonString();

    void IResumable.LoadState(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var node = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("the early-stopping state is not a JSON object");
        int waited = (int?)node["epochsWithoutImprovement"] ?? throw new FormatException("'epochsWithoutImprovement' is missing");
        if (waited < 0 || waited > Patience)
            throw new FormatException($"{waited} epochs without improvement does not fit a patience of {Patience}");
        Best = (double?)node["best"];
        EpochsWithoutImprovement = waited;
        StoppedEpoch = (int?)node["stoppedEpoch"];
    }

    /// <summary>The epoch a saved state (resume.json's <see cref="Key"/> entry) stopped after; null when it did not stop.</summary>
    internal static int? StoppedEpochIn(JsonNode? state)
    {
        try { return (int?)state?["stoppedEpoch"]; }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException) { return null; }
    }
}
