using System.Buffers.Binary;
using System.Globalization;
using Google.Protobuf;
using Tensorboard;

namespace TrainDsl.TensorBoard;

/// <summary>
/// One TensorBoard event file (<c>events.out.tfevents.*</c>): TFRecords, each a little-endian u64 length, the masked
/// CRC32C of those 8 bytes, a serialized <see cref="Event"/> and the masked CRC32C of it.
/// <para>Written here rather than with TorchSharp's <c>SummaryWriter</c>, whose Event protos and CRC32C it uses:
/// that writer stamps scalars with wall_time 0 (or a float32 of Unix seconds, 128 s coarse today), the file-version
/// event with .NET ticks, reopens the file for every event, and has no way to write the hparams plugin's summaries.</para>
/// </summary>
internal sealed class EventFile : IDisposable
{
    private static int files; // this process's event files so far: two in one second get different names
    private readonly FileStream stream;

    public EventFile(string folder)
    {
        Directory.CreateDirectory(folder);
        var now = DateTimeOffset.UtcNow;
        // TensorBoard reads every file whose name holds "tfevents", in name order: the time keeps a resumed run's file last.
        Path = System.IO.Path.Combine(folder, string.Create(CultureInfo.InvariantCulture,
            $"events.out.tfevents.{now.ToUnixTimeSeconds()}.{SafeHostName()}.{Environment.ProcessId}.{Interlocked.Increment(ref files)}"));
        stream = new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16);
        Write(new Event { WallTime = WallTime(), FileVersion = "brain.Event:2" });
    }

    public string Path { get; }

    /// <summary>Seconds since the Unix epoch, as TensorBoard's wall_time.</summary>
    public static double WallTime() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    public void Write(Event e)
    {
        var data = e.ToByteArray();
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.LongLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], MaskedCrc(header[..8].ToArray()));
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, MaskedCrc(data));
        stream.Write(header);
        stream.Write(data);
        stream.Write(footer);
    }

    /// <summary>Makes what was written visible to a reader (TensorBoard polls the file).</summary>
    public void Flush() => stream.Flush();

    public void Dispose() => stream.Dispose();

    // TFRecord masks the CRC so that a CRC of data holding CRCs stays well distributed.
    private static uint MaskedCrc(byte[] data)
    {
        uint crc = TorchSharp.Utils.CRC32C.process(data);
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
    }

    private static string SafeHostName()
    {
        try
        {
            var name = Environment.MachineName;
            return string.Concat(name.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) is { Length: > 0 } safe ? safe : "host";
        }
        catch (InvalidOperationException)
        {
            return "host";
        }
    }
}
