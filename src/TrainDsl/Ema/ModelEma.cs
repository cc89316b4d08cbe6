using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrainDsl.Runs;
using static TorchSharp.torch;

namespace TrainDsl.Ema;

/// <summary>
/// An exponential moving average of a model's weights, as timm's ModelEmaV2 (Polyak &amp; Juditsky 1992): an averaged copy
/// whose every floating-point parameter and buffer becomes d·ema + (1 − d)·weight after each optimizer step, so BatchNorm's
/// running statistics are averaged too; integer buffers (num_batches_tracked) are copied, as ModelEmaV3 does. d comes from
/// <see cref="EmaDecay"/>. The copy is in eval mode and has no gradients; evaluate and save <see cref="Module"/>.
/// <code>
/// using var ema = new ModelEma(model, () => CreateModel(...), new EmaDecay(0.9999));
/// // after each optimizer.step():
/// ema.Update();
/// </code>
/// </summary>
public sealed class ModelEma : IDisposable, IResumable
{
    /// <summary>The value of "format" in the resume state.</summary>
    public const string Format = "TrainDsl.ModelEma/1";

    private readonly Tensor[] weights;   // the model's parameters and buffers, in state_dict order
    private readonly Tensor[] averages;  // the copy's, in the same order
    private readonly bool[] averaged;    // floating point: averaged; otherwise copied
    private WeightsWithEma? resumeWeights;

    /// <summary>
    /// Averages <paramref name="model"/> in a copy made by <paramref name="createCopy"/>: a second instance of the same
    /// architecture, which this object owns and starts from the model's current weights. The global random state is
    /// restored after the copy is built, so a seeded run draws the same numbers as without the EMA.
    /// </summary>
    public ModelEma(nn.Module<Tensor, Tensor> model, Func<nn.Module<Tensor, Tensor>> createCopy, EmaDecay decay)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(createCopy);
        ArgumentNullException.ThrowIfNull(decay);
        nn.Module<Tensor, Tensor> copy;
        using (var rngState = get_rng_state())
        {
            copy = createCopy();
            set_rng_state(rngState);
        }
        if (ReferenceEquals(model, copy))
            throw new ArgumentException("The EMA's copy must be a second instance of the model's architecture, not the model itself; make the factory create a new one.", nameof(createCopy));
        var source = model.state_dict();
        var target = copy.state_dict();
        var names = source.Select(kv => $"{kv.Key} [{string.Join(",", kv.Value.shape)}]").ToArray();
        var copyNames = target.Select(kv => $"{kv.Key} [{string.Join(",", kv.Value.shape)}]").ToArray();
        if (!names.SequenceEqual(copyNames))
        {
            copy.Dispose();
            var first = names.Except(copyNames).Concat(copyNames.Except(names)).FirstOrDefault() ?? "their order";
            throw new ArgumentException($"The EMA's copy has other weights than the model ({first}); create it with the same factory and arguments as the model.", nameof(createCopy));
        }

        Module = copy;
        Decay = decay;
        weights = [.. source.Values];
        averages = [.. target.Values];
        averaged = [.. weights.Select(w => w.is_floating_point())];
        copy.eval();
        foreach (var p in copy.parameters()) p.requires_grad = false;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (int i = 0; i < weights.Length; i++) averages[i].copy_(weights[i]);
    }

    /// <summary>The averaged weights, in eval mode: what evaluation, best.bin and model.bin use.</summary>
    public nn.Module<Tensor, Tensor> Module { get; }

    public EmaDecay Decay { get; }

    /// <summary>Updates so far (optimizer steps since the start of the run).</summary>
    public long Updates { get; private set; }

    /// <summary>
    /// Moves the average towards the model's current weights: ema ← d·ema + (1 − d)·weight with d =
    /// <see cref="EmaDecay.At"/>(this update), in place, without gradients; returns d.
    /// </summary>
    public double Update()
    {
        double d = Decay.At(++Updates);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (int i = 0; i < weights.Length; i++)
        {
            if (averaged[i]) averages[i].mul_(d).add_(weights[i], alpha: 1 - d);
            else averages[i].copy_(weights[i]);
        }
        return d;
    }

    /// <summary>
    /// The weights a resume point saves and restores: <paramref name="model"/> and this average together
    /// (<see cref="WeightsWithEma"/>); pass it to TrainSession.Resume and SaveResumePoint in place of the model.
    /// </summary>
    public nn.Module ResumeWeights(nn.Module model) => resumeWeights ??= new WeightsWithEma(model, Module);

    /// <summary>The name of this state in a run's resume.json.</summary>
    public string ResumeKey => "ema";

    /// <summary>The update count, on which the warmup's decay depends; the weights go into the weights file.</summary>
    public string? SaveState() => new JsonObject
    {
        ["format"] = Format,
        ["updates"] = Updates,
    }.ToJsonString(RunJson.Default.Options);

    public void LoadState(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var state = JsonNode.Parse(json)!.AsObject();
            if ((string?)state["format"] != Format) throw new FormatException($"format is '{state["format"]}', expected '{Format}'");
            long updates = state["updates"]?.GetValue<long>() ?? throw new FormatException("'updates' is missing");
            if (updates < 0) throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"updates is {updates}"));
            Updates = updates;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new TrainDslException($"The saved EMA state is not valid ({e.Message}); resume from a resume point written by TrainDsl.", e);
        }
    }

    public void Dispose() => Module.Dispose();
}
