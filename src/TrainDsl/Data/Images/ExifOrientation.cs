namespace TrainDsl.Data.Images;

/// <summary>
/// Turns pixels stored in a camera's orientation upright, as the EXIF Orientation tag (1–8) asks; the same
/// transposes as Pillow's ImageOps.exif_transpose. Tag values: 2 mirror, 3 rotate 180°, 4 flip, 5 transpose,
/// 6 rotate 90° clockwise, 7 transverse, 8 rotate 90° counter-clockwise (1, or any other value: as stored).
/// </summary>
internal static class ExifOrientation
{
    public static Pixels Apply(Pixels stored, int orientation)
    {
        if (orientation is < 2 or > 8)
            return stored;
        int w = stored.Width, h = stored.Height;
        var upright = orientation >= 5 ? new Pixels(h, w, stored.Channels) : new Pixels(w, h, stored.Channels);
        int ow = upright.Width;
        for (int c = 0; c < stored.Channels; c++)
        {
            ReadOnlySpan<byte> src = stored.Plane(c);
            var dst = upright.Plane(c);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    // (ox, oy): where stored pixel (x, y) lands in the upright image.
                    var (ox, oy) = orientation switch
                    {
                        2 => (w - 1 - x, y),
                        3 => (w - 1 - x, h - 1 - y),
                        4 => (x, h - 1 - y),
                        5 => (y, x),
                        6 => (h - 1 - y, x),
                        7 => (h - 1 - y, w - 1 - x),
                        _ => (y, w - 1 - x),
                    };
                    dst[oy * ow + ox] = src[y * w + x];
                }
        }
        return upright;
    }
}
