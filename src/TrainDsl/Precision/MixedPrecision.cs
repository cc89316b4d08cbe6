using TorchSharp.Modules;
using TrainDsl.Runs;
using static TorchSharp.torch;

namespace TrainDsl.Precision;

/// <summary>
/// Mixed-precision training (Micikevicius et al. 2018): fp32 master weights, which the optimizer updates,
/// and a 16-bit working copy of the same architecture that runs forward and backward.
/// <code>
/// using var amp = new MixedPrecision(model, () => CreateModel(...), AmpPrecision.BFloat16);
/// // each step, after optimizer.zero_grad():
/// var logits = amp.Forward(images);              // 16-bit forward, fp32 logits
/// var loss = criterion.Forward(logits, labels);  // fp32 loss
/// amp.Backward(loss);                            // 16-bit backward, fp32 gradients on the master weights
/// amp.Step(optimizer);                           // false when fp16 gradients overflowed and the step was skipped
/// </code>
/// <para>Before each forward the master weights are cast into the working copy's 16-bit weights. Tensors that
/// stay fp32 in the working copy (normalisation weights and running statistics) share the master's storage,
/// so batch statistics land in the master model, which is what checkpoints save and evaluation uses.</para>
/// <para>After backward the working gradients are cast into one fp32 buffer whose slices are the master
/// gradients: the first backward after a step overwrites them, later ones add to them (gradient accumulation:
/// several Backward calls, then one Step). With fp16 a <see cref="DynamicLossScaler"/> scales the loss, each
/// backward's gradients are unscaled as they are written (exact: the scale is a power of two), and
/// <see cref="Step"/> checks the step's summed gradients for inf/NaN in one reduction; such a step is skipped.</para>
/// </summary>
public sealed class MixedPrecision : IDisposable, IResumable
{
    private readonly nn.Module<Tensor, Tensor> master;
    private readonly LowPrecisionModel? working;  // null when disabled
    private readonly Parameter[] masterParams;
    private readonly Parameter[] workingParams;
    private readonly int[] refreshed;      // indices of the 16-bit working weights, cast from the master each forward
    private readonly Tensor? gradients;     // fp32, all master gradients end to end
    private readonly Tensor[] gradientViews;
    private bool gradientsReady;   // a Backward since the last Step: the next one adds to the gradients

    /// <summary>
    /// Pairs <paramref name="model"/> (fp32, the master) with a working copy made by <paramref name="createWorkingCopy"/>:
    /// a second instance of the same architecture, which this object converts to 16 bits and owns. Its initial weights
    /// do not matter, and the global random state is restored after it is built, so a seeded run draws the same numbers
    /// as without mixed precision. Create the optimizer on <paramref name="model"/>'s parameters; they stay in place.
    /// fp16 uses <paramref name="scaler"/> (default: PyTorch GradScaler's settings); <paramref name="channelsLast"/> is
    /// explained on <see cref="LowPrecisionModel"/>.
    /// <para><paramref name="enabled"/> false (as PyTorch's <c>GradScaler(enabled=False)</c>) makes every call the plain fp32
    /// one: Forward runs the model, Backward is <c>loss.backward()</c>, Step is <c>optimizer.step()</c>, and no working copy
    /// is built. An ablation switches [Amp] off this way (Config.Amp = false) with the same training step.</para>
    /// </summary>
    public MixedPrecision(nn.Module<Tensor, Tensor> model, Func<nn.Module<Tensor, Tensor>> createWorkingCopy,
        AmpPrecision precision = AmpPrecision.BFloat16, DynamicLossScaler? scaler = null, bool channelsLast = true, bool enabled = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(createWorkingCopy);
        if (scaler is not null && precision != AmpPrecision.Float16)
            throw new ArgumentException("Only fp16 training uses a loss scaler; bf16 has fp32's exponent range. Pass no scaler, or AmpPrecision.Float16.", nameof(scaler));
        master = model;
        Precision = precision;
        Enabled = enabled;
        if (!enabled)
        {
            masterParams = workingParams = [];
            refreshed = [];
            gradientViews = [];
            return;
        }

        nn.Module<Tensor, Tensor> workingCopy;
        using (var rngState = get_rng_state())
        {
            workingCopy = createWorkingCopy();
            set_rng_state(rngState);
        }
        if (ReferenceEquals(model, workingCopy))
            throw new ArgumentException("The working copy must be a second instance of the model's architecture, not the model itself; make the factory create a new one.", nameof(createWorkingCopy));
        try { RequirePair(model, workingCopy); }
        catch { workingCopy.Dispose(); throw; }

        Scaler = precision == AmpPrecision.Float16 ? scaler ?? new DynamicLossScaler() : null;
        working = new LowPrecisionModel(workingCopy, precision, channelsLast);
        masterParams = model.parameters().ToArray();
        workingParams = workingCopy.parameters().ToArray();

        using var scope = NewDisposeScope();
        using (no_grad())
        {
            var refresh = new List<int>();
            for (int i = 0; i < masterParams.Length; i++)
            {
                workingParams[i].requires_grad = masterParams[i].requires_grad;
                if (workingParams[i].dtype == ScalarType.Float32) workingParams[i].set_(masterParams[i]);
                else refresh.Add(i);
            }
            refreshed = refresh.ToArray();
            var masterBuffers = model.named_buffers().ToDictionary(b => b.name, b => b.buffer);
            foreach (var (name, buffer) in workingCopy.named_buffers())
            {
                var source = masterBuffers[name];
                if (buffer.dtype == source.dtype) buffer.set_(source);
                else buffer.copy_(source); // a non-normalisation buffer, treated as a constant
            }
        }

        long total = masterParams.Sum(p => p.numel());
        gradients = zeros(total, ScalarType.Float32).DetachFromDisposeScope();
        gradientViews = new Tensor[masterParams.Length];
        long offset = 0;
        for (int i = 0; i < masterParams.Length; i++)
        {
            long n = masterParams[i].numel();
            gradientViews[i] = gradients.narrow(0, offset, n).view(masterParams[i].shape).DetachFromDisposeScope();
            offset += n;
        }
    }

    public AmpPrecision Precision { get; }

    /// <summary>False when the calls are the plain fp32 ones (no working copy).</summary>
    public bool Enabled { get; }

    /// <summary>The loss scaler; null for bf16, which needs none.</summary>
    public DynamicLossScaler? Scaler { get; }

    /// <summary>Whether the last <see cref="Step"/> was skipped because the gradients held inf or NaN.</summary>
    public bool LastStepSkipped { get; private set; }

    /// <summary>
    /// Runs the 16-bit working copy, in the master's train/eval mode, on the current master weights; returns fp32 logits.
    /// </summary>
    public Tensor Forward(Tensor input)
    {
        if (working is null) return master.call(input);
        if (working.training != master.training) working.train(master.training);
        RefreshWeights();
        return working.call(input);
    }

    /// <summary>
    /// The working copy with the current master weights, for 16-bit evaluation: <c>Evaluate(amp.ForEvaluation(), test)</c>;
    /// the fp32 model itself when disabled.
    /// </summary>
    public nn.Module<Tensor, Tensor> ForEvaluation()
    {
        if (working is null) return master;
        RefreshWeights();
        return working;
    }

    /// <summary>
    /// Back-propagates the fp32 <paramref name="loss"/> of <see cref="Forward"/> through the working copy (scaled when fp16)
    /// and writes fp32 gradients, unscaled, to the master weights: the first call after a <see cref="Step"/> overwrites
    /// them, later ones add to them (pass each micro-batch's loss divided by the number of micro-batches).
    /// </summary>
    public void Backward(Tensor loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (working is null)
        {
            loss.backward();
            gradientsReady = true;
            return;
        }
        using var scope = NewDisposeScope();
        if (Scaler is null) loss.backward();
        else (loss * Scaler.Scale).backward();

        using var noGrad = no_grad();
        bool first = !gradientsReady;
        double unscale = Scaler is null ? 1 : 1.0 / Scaler.Scale;
        for (int i = 0; i < masterParams.Length; i++)
        {
            var grad = workingParams[i].grad;
            if (grad is null)
            {
                if (!first) continue;
                gradientViews[i].zero_();
                masterParams[i].grad = null; // as in PyTorch, the optimizer skips a weight without a gradient
                continue;
            }
            if (first) gradientViews[i].copy_(grad);
            else gradientViews[i].add_(grad, alpha: unscale);
            masterParams[i].grad = gradientViews[i];
            workingParams[i].grad = null; // the next backward then hands its gradient over without an addition
        }
        if (first && Scaler is not null) gradients!.mul_(unscale);
        gradientsReady = true;
    }

    /// <summary>
    /// Steps <paramref name="optimizer"/> (built on the master weights) unless fp16 gradients held inf or NaN,
    /// then updates the loss scale; returns whether the step was taken.
    /// </summary>
    public bool Step(optim.Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (!gradientsReady)
            throw new InvalidOperationException("MixedPrecision.Step needs gradients: call Forward, then Backward(loss), then Step once per step.");
        gradientsReady = false;
        bool nonFinite = false;
        if (Scaler is not null) // a scaler exists only when enabled, so the gradients buffer does too
        {
            // One reduction per step: the sum is inf or NaN iff some gradient is (or, harmlessly, if it overflows fp32).
            using var scope = NewDisposeScope();
            nonFinite = !float.IsFinite(gradients!.sum().item<float>());
        }
        LastStepSkipped = nonFinite;
        if (!LastStepSkipped) optimizer.step()?.Dispose();
        Scaler?.Update(nonFinite);
        return !LastStepSkipped;
    }

    /// <summary>The name of this state in a run's resume.json.</summary>
    public string ResumeKey => "lossScaler";

    /// <summary>What a resumed run needs besides the weights: fp16's loss-scaler state as JSON; null for bf16.</summary>
    public string? SaveState() => Scaler?.SaveState();

    /// <summary>Restores what <see cref="SaveState"/> wrote; the master weights are loaded with the checkpoint itself.</summary>
    public void LoadState(string json)
    {
        if (!Enabled)
            throw new ArgumentException("Mixed precision is off (Amp = false), so it has no loss-scaler state to restore; resume with the Amp setting the run was trained with.", nameof(json));
        if (Scaler is null)
            throw new ArgumentException("bf16 mixed precision has no loss-scaler state to restore; resume with the precision the run was trained with (fp16).", nameof(json));
        Scaler.LoadState(json);
    }

    public void Dispose()
    {
        foreach (var view in gradientViews) view.Dispose();
        gradients?.Dispose();
        working?.Dispose();
    }

    private void RefreshWeights()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (int i in refreshed) workingParams[i].copy_(masterParams[i]);
    }

    private static void RequirePair(nn.Module model, nn.Module workingCopy)
    {
        foreach (var (name, p) in model.named_parameters())
            if (p.dtype != ScalarType.Float32)
                throw new ArgumentException($"Master weight '{name}' is {p.dtype}; mixed precision keeps master weights in fp32, so pass the model before any .to(dtype).", nameof(model));
        RequireSameShapes("parameter", model.named_parameters().Select(p => (p.name, (Tensor)p.parameter)), workingCopy.named_parameters().Select(p => (p.name, (Tensor)p.parameter)));
        RequireSameShapes("buffer", model.named_buffers(), workingCopy.named_buffers());
    }

    private static void RequireSameShapes(string kind, IEnumerable<(string name, Tensor tensor)> model, IEnumerable<(string name, Tensor tensor)> copy)
    {
        var a = model.Select(t => $"{t.name} [{string.Join(",", t.tensor.shape)}]").ToArray();
        var b = copy.Select(t => $"{t.name} [{string.Join(",", t.tensor.shape)}]").ToArray();
        if (!a.SequenceEqual(b))
        {
            var first = a.Except(b).Concat(b.Except(a)).FirstOrDefault() ?? "their order";
            throw new ArgumentException($"The working copy's {kind}s differ from the model's ({first}); create it with the same factory and arguments as the model.", "createWorkingCopy");
        }
    }
}
