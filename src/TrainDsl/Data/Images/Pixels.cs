namespace TrainDsl.Data.Images;

/// <summary>An 8-bit image in memory as planes (CHW, the layout tensors use): 1 channel (L) or 3 (R, G, B).</summary>
internal sealed class Pixels(int width, int height, int channels, byte[] data)
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public int Channels { get; } = channels;
    public byte[] Data { get; } = data;

    public Pixels(int width, int height, int channels) : this(width, height, channels, new byte[checked(width * height * channels)]) { }

    public int PlaneSize => Width * Height;

    public Span<byte> Plane(int channel) => Data.AsSpan(channel * PlaneSize, PlaneSize);
}
