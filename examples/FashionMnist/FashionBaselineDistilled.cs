namespace FashionMnistExample;

/// <summary>
/// FashionBaseline's SmallCnn and recipe, also matching FashionBest's softened outputs (Hinton et al. 2015):
/// loss = α·T²·KL(softmax(t/T) ‖ softmax(s/T)) + (1 − α)·CE with the paper's T = 4 and α = 0.9. The teacher's
/// weights are the newest runs/FashionBest/*/model.bin unless --set TeacherCheckpoint=FILE says otherwise; the
/// student trained alone is FashionBaseline itself, with the same seed and draws.
/// </summary>
[Distill(typeof(FashionBest), Temperature = 4, Alpha = 0.9)]
public partial class FashionBaselineDistilled : FashionBaseline;
