namespace TrainDsl.Data.Images;

/// <summary>An 8-bit image in memory, interleaved row by row (HWC): 1 channel (L), 3 (RGB) or 4 (RGBA, not premultiplied).</summary>
internal sealed class Pixels(int width, int height, int channels, byte[] data)
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public int Channels { get; } = channels;
    public byte[] Data { get; } = data;

    public Pixels(int width, int height, int channels) : this(width, height, channels, new byte[checked(width * height * channels)]) { }

    /// <summary>The pixels as planes (CHW), the layout tensors use.</summary>
    public byte[] ToPlanes()
    {
        if (Channels == 1)
            return Data;
        int plane = Width * Height;
        var planes = new byte[plane * Channels];
        for (int i = 0, s = 0; i < plane; i++)
            for (int c = 0; c < Channels; c++, s++)
                planes[c * plane + i] = Data[s];
        return planes;
    }
}
