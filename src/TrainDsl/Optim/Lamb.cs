using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainDsl.Optim;

/// <summary>
/// LAMB, layer-wise adaptive moments (You et al. 2019, "Large Batch Optimization for Deep Learning: Training BERT
/// in 76 minutes", Algorithm 2): Adam's moments with bias correction give r = m̂ / (√v̂ + ε) + λ·w, and each
/// parameter tensor steps by <c>w ← w − γ · ‖w‖ / ‖r‖ · r</c> (φ the identity). The trust ratio ‖w‖ / ‖r‖ is 1
/// when either norm is 0. A group with <see cref="Options.Adapt"/> false steps by γ·r: [NoBiasDecay] puts biases
/// and norm parameters there, as BERT's LAMB excludes them from decay and layer adaptation alike.
/// TorchSharp has no LAMB; this one follows its optimizers (parameter groups, state_dict save and load).
/// </summary>
public sealed class Lamb : OptimizerHelper
{
    /// <summary>LAMB over one group of parameters.</summary>
    public Lamb(IEnumerable<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-6, double weightDecay = 0)
        : this([new ParamGroup(parameters, new Options())], learningRate, beta1, beta2, eps, weightDecay)
    {
    }

    /// <summary>LAMB over parameter groups; an option a group leaves null takes the value given here.</summary>
    public Lamb(IEnumerable<ParamGroup> groups, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-6, double weightDecay = 0)
    {
        ArgumentNullException.ThrowIfNull(groups);
        Check(learningRate > 0 && double.IsFinite(learningRate), nameof(learningRate), learningRate, "a finite number > 0");
        Check(beta1 is >= 0 and < 1, nameof(beta1), beta1, "in [0, 1)");
        Check(beta2 is >= 0 and < 1, nameof(beta2), beta2, "in [0, 1)");
        Check(eps > 0 && double.IsFinite(eps), nameof(eps), eps, "a finite number > 0");
        Check(weightDecay >= 0 && double.IsFinite(weightDecay), nameof(weightDecay), weightDecay, "a finite number ≥ 0");
        _defaults = new Options
        {
            LearningRate = learningRate, InitialLearningRate = learningRate, Beta1 = beta1, Beta2 = beta2, Epsilon = eps,
            WeightDecay = weightDecay, Adapt = true,
        };
        _parameter_groups = [];
        foreach (var group in groups) add_param_group(group);
    }

    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var o = group.Options;
        double lr = o.LearningRate!.Value, beta1 = o.Beta1!.Value, beta2 = o.Beta2!.Value, eps = o.Epsilon!.Value, lambda = o.WeightDecay!.Value;
        foreach (var w in group.Parameters)
        {
            var grad = w.grad;
            if (grad is null) continue;
            var state = (State)_state[w.Handle];
            state.Step += 1;
            double correction1 = 1 - Math.Pow(beta1, state.Step), correction2 = 1 - Math.Pow(beta2, state.Step);
            state.ExpAvg.mul_(beta1).add_(grad, alpha: 1 - beta1);
            state.ExpAvgSq.mul_(beta2).addcmul_(grad, grad, value: 1 - beta2);

            var r = state.ExpAvg.div(correction1).div_(state.ExpAvgSq.div(correction2).sqrt_().add_(eps));
            if (lambda != 0) r.add_(w, alpha: lambda);
            if (o.Adapt!.Value)
            {
                var wNorm = w.norm();
                var rNorm = r.norm();
                var trust = where(wNorm.gt(0).logical_and_(rNorm.gt(0)), wNorm.div(rNorm), ones_like(wNorm));
                w.sub_(r.mul_(trust.mul_(lr)));
            }
            else
            {
                w.add_(r, alpha: -lr);
            }
        }
    }, closure);

    public override void add_param_group(TorchSharp.Modules.ParamGroup param_group)
    {
        ArgumentNullException.ThrowIfNull(param_group);
        var d = (Options)_defaults;
        param_group.Options ??= new Options();
        var o = param_group.Options as Options
            ?? throw new ArgumentException($"A LAMB parameter group needs Lamb.Options, not {param_group.Options.GetType().Name}.", nameof(param_group));
        o.LearningRate ??= d.LearningRate;
        o.Beta1 ??= d.Beta1;
        o.Beta2 ??= d.Beta2;
        o.Epsilon ??= d.Epsilon;
        o.WeightDecay ??= d.WeightDecay;
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
        if (!ok) throw new ArgumentOutOfRangeException(name, value, $"LAMB {name} must be {range}.");
    }

    /// <summary>A group's hyperparameters; null takes the optimizer's.</summary>
    public sealed class Options : OptimizerOptions
    {
        public double? Beta1 { get; set; }
        public double? Beta2 { get; set; }
        public double? Epsilon { get; set; }
        public double? WeightDecay { get; set; }

        /// <summary>Whether the trust ratio scales this group's steps; false gives γ·r.</summary>
        public bool? Adapt { get; set; }

        public override void SaveStateDict(BinaryWriter writer)
        {
            base.SaveStateDict(writer);
            writer.Write(Beta1!.Value);
            writer.Write(Beta2!.Value);
            writer.Write(Epsilon!.Value);
            writer.Write(WeightDecay!.Value);
            writer.Write(Adapt!.Value);
        }

        public override void LoadStateDict(BinaryReader reader)
        {
            base.LoadStateDict(reader);
            Beta1 = reader.ReadDouble();
            Beta2 = reader.ReadDouble();
            Epsilon = reader.ReadDouble();
            WeightDecay = reader.ReadDouble();
            Adapt = reader.ReadBoolean();
        }

        public override void LoadStateDict(OptimizerOptions source)
        {
            base.LoadStateDict(source);
            var o = (Options)source;
            (Beta1, Beta2, Epsilon, WeightDecay, Adapt) = (o.Beta1, o.Beta2, o.Epsilon, o.WeightDecay, o.Adapt);
        }
    }

    /// <summary>Parameters with their own options; build it with options, so the learning rate stays the optimizer's.</summary>
    public sealed class ParamGroup(IEnumerable<Parameter> parameters, Options options) : ParamGroup<Options>(parameters, options);

    /// <summary>A parameter's step count t and moments m and v.</summary>
    public sealed class State(Parameter parameter) : OptimizerState(parameter), IDisposable
    {
        public long Step { get; set; }
        public Tensor ExpAvg { get; private set; } = null!;
        public Tensor ExpAvgSq { get; private set; } = null!;

        public override void Initialize(OptimizerOptions options)
        {
            Dispose();
            Step = 0;
            ExpAvg = zeros_like(_parameter).DetachFromDisposeScope();
            ExpAvgSq = zeros_like(_parameter).DetachFromDisposeScope();
        }

        public override void SaveStateDict(BinaryWriter writer)
        {
            writer.Write(Step);
            ExpAvg.Save(writer);
            ExpAvgSq.Save(writer);
        }

        public override void LoadStateDict(BinaryReader reader)
        {
            Step = reader.ReadInt64();
            TensorExtensionMethods.Load(ExpAvg, reader);
            TensorExtensionMethods.Load(ExpAvgSq, reader);
        }

        public override void LoadStateDict(OptimizerState source)
        {
            var s = (State)source;
            Dispose();
            Step = s.Step;
            ExpAvg = s.ExpAvg.to(_parameter.device, copy: true).DetachFromDisposeScope();
            ExpAvgSq = s.ExpAvgSq.to(_parameter.device, copy: true).DetachFromDisposeScope();
        }

        public override bool ApproximatelyEquals(OptimizerState other)
            => other is State s && Step == s.Step && ExpAvg.allclose(s.ExpAvg) && ExpAvgSq.allclose(s.ExpAvgSq);

        public override void to(Device device)
        {
            ExpAvg = ExpAvg.to(device);
            ExpAvgSq = ExpAvgSq.to(device);
        }

        public void Dispose()
        {
            ExpAvg?.Dispose();
            ExpAvgSq?.Dispose();
        }
    }
}
