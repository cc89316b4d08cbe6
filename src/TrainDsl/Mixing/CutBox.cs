namespace TrainDsl.Mixing;

/// <summary>
/// The clipped box that CutMix pastes from the partner image: rows [Top, Top + Height) and
/// columns [Left, Left + Width) of an image of <see cref="ImageHeight"/> × <see cref="ImageWidth"/>.
/// </summary>
public readonly record struct CutBox(int Top, int Left, int Height, int Width, int ImageHeight, int ImageWidth)
{
    /// <summary>λ corrected to the area kept from the original: 1 − box area / (H·W).</summary>
    public double KeptFraction => 1.0 - (double)Height * Width / ((double)ImageHeight * ImageWidth);

    public bool Contains(int row, int column) =>
        row >= Top && row < Top + Height && column >= Left && column < Left + Width;
}
