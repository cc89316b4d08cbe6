namespace TrainDsl.Data.Images;

/// <summary>
/// The size an image is resized to so that its shorter side becomes <c>size</c>, keeping the aspect ratio: torchvision's
/// Resize(size) rule, the longer side truncated (int(size · long / short)). An image whose shorter side is already
/// <c>size</c> keeps its pixels.
/// </summary>
internal static class ShortSideResize
{
    public static (int Width, int Height) Target(int width, int height, int size)
    {
        if (width <= height)
            return (size, (int)((double)((long)size * height) / width));
        return ((int)((double)((long)size * width) / height), size);
    }

    public static Pixels Apply(Pixels src, int size)
    {
        var (w, h) = Target(src.Width, src.Height, size);
        return BilinearResize.Resize(src, w, h);
    }
}
