using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrainDsl.Runs;

namespace TrainDsl.Precision;

/// <summary>
/// Dynamic loss scaling for fp16 training (Micikevicius et al. 2018, §3.2), with the rules and defaults of
/// PyTorch's torch.amp.GradScaler: the loss is multiplied by <see cref="Scale"/> before backward so small
/// gradients survive fp16; a step whose gradients hold inf or NaN is skipped and the scale is multiplied by
/// <see cref="BackoffFactor"/>; after <see cref="GrowthInterval"/> clean steps in a row it is multiplied by
/// <see cref="GrowthFactor"/>. Like GradScaler's fp32 scale, it never grows past the largest float.
/// <para>State (<see cref="SaveState"/>, stored in a run's resume.json): JSON holding GradScaler.state_dict()'s keys,
/// <c>{"format":"TrainDsl.DynamicLossScaler/1","scale":32768,"growth_factor":2,"backoff_factor":0.5,
/// "growth_interval":2000,"_growth_tracker":17,"skipped_steps":1}</c>.</para>
/// </summary>
public sealed class DynamicLossScaler
{
    /// <summary>The value of "format" in the state file.</summary>
    public const string Format = "TrainDsl.DynamicLossScaler/1";

    public DynamicLossScaler(double initialScale = 65536, double growthFactor = 2, double backoffFactor = 0.5, int growthInterval = 2000)
    {
        if (!(initialScale > 0 && initialScale <= float.MaxValue))
            throw new ArgumentOutOfRangeException(nameof(initialScale), initialScale, "The initial loss scale must be a positive finite fp32 number; PyTorch's default is 65536.");
        if (!(growthFactor > 1 && double.IsFinite(growthFactor)))
            throw new ArgumentOutOfRangeException(nameof(growthFactor), growthFactor, "The growth factor must be greater than 1; PyTorch's default is 2.");
        if (!(backoffFactor > 0 && backoffFactor < 1))
            throw new ArgumentOutOfRangeException(nameof(backoffFactor), backoffFactor, "The backoff factor must lie in (0, 1); PyTorch's default is 0.5.");
        if (growthInterval < 1)
            throw new ArgumentOutOfRangeException(nameof(growthInterval), growthInterval, "The growth interval must be at least 1 step; PyTorch's default is 2000.");
        Scale = (float)initialScale;
        GrowthFactor = growthFactor;
        BackoffFactor = backoffFactor;
        GrowthInterval = growthInterval;
    }

    /// <summary>The factor the loss is multiplied by before backward.</summary>
    public double Scale { get; private set; }

    public double GrowthFactor { get; private set; }
    public double BackoffFactor { get; private set; }
    public int GrowthInterval { get; private set; }

    /// <summary>Clean steps since the scale last changed.</summary>
    public int GrowthTracker { get; private set; }

    /// <summary>Steps skipped because their gradients were not finite, over the whole run.</summary>
    public long SkippedSteps { get; private set; }

    /// <summary>Records the outcome of one step and adjusts the scale (torch._amp_update_scale_).</summary>
    public void Update(bool foundNonFinite)
    {
        if (foundNonFinite)
        {
            Scale = (float)(Scale * BackoffFactor);
            GrowthTracker = 0;
            SkippedSteps++;
            return;
        }
        if (++GrowthTracker < GrowthInterval) return;
        // The scale is an fp32 number, as in PyTorch: growth that would overflow it is dropped.
        float grown = (float)(Scale * GrowthFactor);
        if (float.IsFinite(grown)) Scale = grown;
        GrowthTracker = 0;
    }

    /// <summary>The state as JSON text, GradScaler.state_dict()'s keys with a format tag (see the class summary).</summary>
    public string SaveState() => new JsonObject
    {
        ["format"] = Format,
        ["scale"] = Scale,
        ["growth_factor"] = GrowthFactor,
        ["backoff_factor"] = BackoffFactor,
        ["growth_interval"] = GrowthInterval,
        ["_growth_tracker"] = GrowthTracker,
        ["skipped_steps"] = SkippedSteps,
    }.ToJsonString(RunJson.Default.Options);

    /// <summary>Restores the state <see cref="SaveState"/> wrote, factors and interval included.</summary>
    public void LoadState(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var state = JsonNode.Parse(json)!.AsObject();
            if ((string?)state["format"] != Format)
                throw new FormatException($"format is '{state["format"]}', expected '{Format}'");
            var scaler = new DynamicLossScaler(
                initialScale: Number(state, "scale"),
                growthFactor: Number(state, "growth_factor"),
                backoffFactor: Number(state, "backoff_factor"),
                growthInterval: (int)Number(state, "growth_interval"));
            int tracker = (int)Number(state, "_growth_tracker");
            long skipped = (long)Number(state, "skipped_steps");
            if (tracker < 0 || tracker >= scaler.GrowthInterval || skipped < 0)
                throw new FormatException($"_growth_tracker {tracker} or skipped_steps {skipped} is out of range");
            (Scale, GrowthFactor, BackoffFactor, GrowthInterval) = (scaler.Scale, scaler.GrowthFactor, scaler.BackoffFactor, scaler.GrowthInterval);
            (GrowthTracker, SkippedSteps) = (tracker, skipped);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw new TrainDslException($"The saved loss-scaler state is not valid ({e.Message}); resume from a resume point written by TrainDsl.", e);
        }
    }

    private static double Number(JsonObject state, string key) =>
        state[key] is { } node ? node.GetValue<double>() : throw new FormatException($"'{key}' is missing");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"loss scale {Scale} (×{GrowthFactor} after {GrowthInterval} clean steps, ×{BackoffFactor} on inf/NaN; {SkippedSteps} steps skipped)");
}
