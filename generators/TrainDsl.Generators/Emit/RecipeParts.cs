using System.Collections.Generic;

namespace TrainDsl.Generators.Emit;

/// <summary>
/// The part emitters of one experiment. <see cref="All"/> is the recipe's order, which is the order of
/// the Config properties and of the setup lines in Train: data, model, mixed precision, weight EMA, teacher, augmentation,
/// mixing, loss, optimizer, gradient clipping, gradient accumulation, schedule, metrics, early stopping (which reads the
/// epoch's metrics after best.bin is saved). A step transforms the batch in the same order.
/// The skeletons also reach the parts by name where only one part can speak (the loss of a step).
/// </summary>
internal sealed class RecipeParts
{
    public RecipeParts(ResolvedExperiment experiment)
    {
        Run = new RunPartEmitter(experiment);
        Data = new DataPartEmitter(experiment);
        Model = new ModelPartEmitter(experiment);
        Amp = new AmpPartEmitter(experiment);
        Ema = new EmaPartEmitter(experiment);
        Distill = new DistillPartEmitter(experiment);
        Augment = new AugmentPartEmitter(experiment);
        Mixing = new MixingPartEmitter(experiment);
        Loss = new LossPartEmitter(experiment);
        Optimizer = new OptimizerPartEmitter(experiment);
        ClipGradNorm = new ClipGradNormPartEmitter(experiment);
        Accumulation = new GradientAccumulationPartEmitter(experiment);
        Schedule = new SchedulePartEmitter(experiment);
        Metrics = new MetricsPartEmitter(experiment);
        EarlyStopping = new EarlyStoppingPartEmitter(experiment);
        All = new PartEmitter[] { Run, Data, Model, Amp, Ema, Distill, Augment, Mixing, Loss, Optimizer, ClipGradNorm, Accumulation, Schedule, Metrics, EarlyStopping };
    }

    public RunPartEmitter Run { get; }

    public DataPartEmitter Data { get; }

    public ModelPartEmitter Model { get; }

    public AmpPartEmitter Amp { get; }

    public EmaPartEmitter Ema { get; }

    public DistillPartEmitter Distill { get; }

    public AugmentPartEmitter Augment { get; }

    public MixingPartEmitter Mixing { get; }

    public LossPartEmitter Loss { get; }

    public OptimizerPartEmitter Optimizer { get; }

    public GradientAccumulationPartEmitter Accumulation { get; }
    public ClipGradNormPartEmitter ClipGradNorm { get; }

    public SchedulePartEmitter Schedule { get; }

    public MetricsPartEmitter Metrics { get; }

    public EarlyStoppingPartEmitter EarlyStopping { get; }

    public IReadOnlyList<PartEmitter> All { get; }
}
