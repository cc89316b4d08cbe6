namespace TrainDsl.Data.Images;

/// <summary>
/// The central size×size window of an image at least that large; the offsets round half to even, as torchvision's
/// CenterCrop does (int(round((h − size) / 2))), so an odd margin leaves the same extra row or column out.
/// </summary>
internal static class CenterCrop
{
    public static Pixels Apply(Pixels src, int size)
    {
        if (src.Width == size && src.Height == size)
            return src;
        int top = (int)Math.Round((src.Height - size) / 2.0, MidpointRounding.ToEven);
        int left = (int)Math.Round((src.Width - size) / 2.0, MidpointRounding.ToEven);
        int c = src.Channels;
        var dst = new Pixels(size, size, c);
        for (int y = 0; y < size; y++)
            Array.Copy(src.Data, ((top + y) * src.Width + left) * c, dst.Data, y * size * c, size * c);
        return dst;
    }
}
