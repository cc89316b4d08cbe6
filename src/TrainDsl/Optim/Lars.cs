using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainDsl.Optim;

/// <summary>
/// LARS, layer-wise adaptive rate scaling (You, Gitman &amp; Ginsburg 2017, "Large Batch Training of Convolutional
/// Networks", Algorithm 1): SGD with momentum whose step for each parameter tensor w is scaled by the trust ratio
/// λ = η·‖w‖ / (‖∇w‖ + β‖w‖), with β the weight decay:
/// <c>v ← m·v + γ·λ·(∇w + β·w)</c>, <c>w ← w − v</c>. The global rate γ sits inside the momentum buffer, as in the
/// paper. λ is 1 when ‖w‖ or the denominator is 0 (a zero-initialised tensor, or no gradient and no decay).
/// A group with <see cref="Options.Adapt"/> false takes plain momentum SGD steps (λ = 1): [NoBiasDecay] puts
/// biases and norm parameters there, as SimCLR's and BYOL's LARS exclude them from decay and adaptation.
/// TorchSharp has no LARS; this one follows its optimizers (parameter groups, state_dict save and load).
/// </summary>
public sealed class Lars : OptimizerHelper
{
    /// <summary>The paper's trust coefficient η.</summary>
    public const double DefaultTrustCoefficient = 1e-3;

    /// <summary>LARS over one group of parameters.</summary>
    public Lars(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0.9, double weightDecay = 0,
        double trustCoefficient = DefaultTrustCoefficient)
        : this([new ParamGroup(parameters, new Options())], learningRate, momentum, weightDecay, trustCoefficient)
    {
    }

    /// <summary>LARS over parameter groups; an option a group leaves null takes the value given here.</summary>
    public Lars(IEnumerable<ParamGroup> groups, double learningRate, double momentum = 0.9, double weightDecay = 0,
        double trustCoefficient = DefaultTrustCoefficient)
    {
        ArgumentNullException.ThrowIfNull(groups);
        Check(learningRate > 0 && double.IsFinite(learningRate), nameof(learningRate), learningRate, "a finite number > 0");
        Check(momentum is >= 0 and < 1, nameof(momentum), momentum, "in [0, 1)");
        Check(weightDecay >= 0 && double.IsFinite(weightDecay), nameof(weightDecay), weightDecay, "a finite number ≥ 0");
        Check(trustCoefficient > 0 && double.IsFinite(trustCoefficient), nameof(trustCoefficient), trustCoefficient, "a finite number > 0");
        _defaults = new Options
        {
            LearningRate = learningRate, InitialLearningRate = learningRate, Momentum = momentum, WeightDecay = weightDecay,
            TrustCoefficient = trustCoefficient, Adapt = true,
        };
        _parameter_groups = [];
        foreach (var group in groups) add_param_group(group);
    }

    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var o = group.Options;
        double lr = o.LearningRate!.Value, momentum = o.Momentum!.Value, beta = o.WeightDecay!.Value, eta = o.TrustCoefficient!.Value;
        foreach (var w in group.Parameters)
        {
            var grad = w.grad;
            if (grad is null) continue;
            var state = (State)_state[w.Handle];
            var d = beta != 0 ? grad.add(w, alpha: beta) : grad;
            if (o.Adapt!.Value)
            {
                var wNorm = w.norm();
                var denominator = grad.norm().add_(wNorm, alpha: beta);
                var trust = wNorm.mul(eta).div_(denominator);
                var scale = where(wNorm.gt(0).logical_and_(denominator.gt(0)), trust, ones_like(trust)).mul_(lr);
                state.MomentumBuffer.mul_(momentum).add_(d.mul(scale));
            }
            else
            {
                state.MomentumBuffer.mul_(momentum).add_(d, alpha: lr);
            }
            w.sub_(state.MomentumBuffer);
        }
    }, closure);

    public override void add_param_group(TorchSharp.Modules.ParamGroup param_group)
    {
        ArgumentNullException.ThrowIfNull(param_group);
        var d = (Options)_defaults;
        param_group.Options ??= new Options();
        var o = param_group.Options as Options
            ?? throw new ArgumentException($"A LARS parameter group needs Lars.Options, not {param_group.Options.GetType().Name}.", nameof(param_group));
        o.LearningRate ??= d.LearningRate;
        o.Momentum ??= d.Momentum;
        o.WeightDecay ??= d.WeightDecay;
        o.TrustCoefficient ??= d.TrustCoefficient;
        o.Adapt ??= d.Adapt;
        o.InitialLearningRate = o.LearningRate!.Value;
        _parameter_groups.Add(param_group);
        foreach (var p in param_group.Parameters)
        {
            var state = new State(p);
            _state[p.Handle] = state;
            state.Initialize(o);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        foreach (var entry in _state) ((State)entry.Item2).Dispose();
        _state.Clear();
    }

    private static void Check(bool ok, string name, double value, string range)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, value, $"LARS {name} must be {range}.");
    }

    /// <summary>A group's hyperparameters; null takes the optimizer's.</summary>
    public sealed class Options : OptimizerOptions
    {
        public double? Momentum { get; set; }
        public double? WeightDecay { get; set; }
        public double? TrustCoefficient { get; set; }

        /// <summary>Whether the trust ratio scales this group's steps; false gives plain momentum SGD.</summary>
        public bool? Adapt { get; set; }

        public override void SaveStateDict(BinaryWriter writer)
        {
            base.SaveStateDict(writer);
            writer.Write(Momentum!.Value);
            writer.Write(WeightDecay!.Value);
            writer.Write(TrustCoefficient!.Value);
            writer.Write(Adapt!.Value);
        }

        public override void LoadStateDict(BinaryReader reader)
        {
            base.LoadStateDict(reader);
            Momentum = reader.ReadDouble();
            WeightDecay = reader.ReadDouble();
            TrustCoefficient = reader.ReadDouble();
            Adapt = reader.ReadBoolean();
        }

        public override void LoadStateDict(OptimizerOptions source)
        {
            base.LoadStateDict(source);
            var o = (Options)source;
            (Momentum, WeightDecay, TrustCoefficient, Adapt) = (o.Momentum, o.WeightDecay, o.TrustCoefficient, o.Adapt);
        }
    }

    /// <summary>Parameters with their own options; build it with options, so the learning rate stays the optimizer's.</summary>
    public sealed class ParamGroup(IEnumerable<Parameter> parameters, Options options) : ParamGroup<Options>(parameters, options);

    /// <summary>A parameter's momentum buffer v.</summary>
    public sealed class State(Parameter parameter) : OptimizerState(parameter), IDisposable
    {
        public Tensor MomentumBuffer { get; private set; } = null!;

        public override void Initialize(OptimizerOptions options)
        {
            MomentumBuffer?.Dispose();
            MomentumBuffer = zeros_like(_parameter).DetachFromDisposeScope();
        }

        public override void SaveStateDict(BinaryWriter writer) => MomentumBuffer.Save(writer);

        public override void LoadStateDict(BinaryReader reader) => TensorExtensionMethods.Load(MomentumBuffer, reader);

        public override void LoadStateDict(OptimizerState source)
        {
            MomentumBuffer.Dispose();
            MomentumBuffer = ((State)source).MomentumBuffer.to(_parameter.device, copy: true).DetachFromDisposeScope();
        }

        public override bool ApproximatelyEquals(OptimizerState other)
            => other is State s && MomentumBuffer.allclose(s.MomentumBuffer);

        public override void to(Device device) => MomentumBuffer = MomentumBuffer.to(device);

        public void Dispose() => MomentumBuffer?.Dispose();
    }
}
