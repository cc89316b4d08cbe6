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
        var dst = new Pixels(size, size, src.Channels);
        for (int c = 0; c < src.Channels; c++)
        {
            ReadOnlySpan<byte> from = src.Plane(c);
            var to = dst.Plane(c);
            for (int y = 0; y < size; y++)
                from.Slice((top + y) * src.Width + left, size).CopyTo(to.Slice(y * size, size));
        }
        return dst;
    }
}
