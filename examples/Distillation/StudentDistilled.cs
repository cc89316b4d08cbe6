namespace Distillation;

/// <summary>
/// The same student and recipe, also matching the teacher's softened outputs (Hinton et al. 2015):
/// loss = α·T²·KL(softmax(t/T) ‖ softmax(s/T)) + (1 − α)·CE. The teacher's weights are the newest
/// runs/Teacher/*/model.bin unless --set TeacherCheckpoint=FILE says otherwise.
/// </summary>
[Experiment(Epochs = 4, BatchSize = 128, Seed = 11)]
[Data(FashionMnist)]
[Model(typeof(TinyCnn))]
[Distill(typeof(Teacher), Temperature = 4, Alpha = 0.9)]
[Optimizer(Sgd, Momentum = 0.9, Nesterov = true, WeightDecay = 5e-4)]
[Schedule(Cosine, Interval = PerStep)]
[Metric(Accuracy)]
public partial class StudentDistilled;
