using static TorchSharp.torch;

namespace TrainDsl.Mixing;

/// <summary>
/// CutMix (Yun et al. 2019, "CutMix: Regularization Strategy to Train Strong Classifiers", eq. 1–2):
/// paste a box of sides (H·√(1 − λ), W·√(1 − λ)) centred uniformly at random from x[perm];
/// λ = 1 − box area/(H·W) after clipping to the image.
/// </summary>
public sealed class CutMix(double alpha = 1.0) : MixingMethod(alpha)
{
    public override MixKind Kind => MixKind.CutMix;

    /// <summary>
    /// The box for a drawn λ, as timm's rand_bbox: sides ⌊H·cut_rat⌋ × ⌊W·cut_rat⌋ with cut_rat = √(1 − λ),
    /// centre (c_y, c_x) uniform over the pixels, then clipped to the image. Unlike timm (centre ± ⌊side/2⌋,
    /// an even side) the unclipped box keeps the exact side: rows [c_y − ⌊side/2⌋, c_y − ⌊side/2⌋ + side).
    /// </summary>
    public static CutBox RandomBox(int height, int width, double lambda, Generator generator)
    {
        double cutRat = Math.Sqrt(1.0 - lambda);
        int cutH = (int)(height * cutRat), cutW = (int)(width * cutRat);
        int cy, cx;
        using (var scope = NewDisposeScope())
        {
            cy = (int)randint(0, height, new long[] { 1 }, generator: generator).item<long>();
            cx = (int)randint(0, width, new long[] { 1 }, generator: generator).item<long>();
        }
        int top = cy - cutH / 2, left = cx - cutW / 2;
        int y0 = Math.Clamp(top, 0, height), y1 = Math.Clamp(top + cutH, 0, height);
        int x0 = Math.Clamp(left, 0, width), x1 = Math.Clamp(left + cutW, 0, width);
        return new CutBox(y0, x0, y1 - y0, x1 - x0, height, width);
    }

    /// <summary>A copy of the images [B, C, H, W] with the box taken from images[partner].</summary>
    public static Tensor Apply(Tensor images, Tensor partner, CutBox box)
    {
        using var scope = NewDisposeScope();
        var mixed = images.clone();
        if (box.Height > 0 && box.Width > 0)
        {
            var source = images.narrow(2, box.Top, box.Height).narrow(3, box.Left, box.Width).index_select(0, partner);
            mixed.narrow(2, box.Top, box.Height).narrow(3, box.Left, box.Width).copy_(source);
        }
        return scope.MoveToOuter(mixed);
    }
}
