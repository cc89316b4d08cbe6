using System.Globalization;
using static TorchSharp.torch;

namespace TrainDsl.Runs;

/// <summary>
/// Saves and restores model weights: in TorchSharp's format (model.bin), or as safetensors when the path ends in
/// .safetensors (model.safetensors, which PyTorch loads; see <see cref="SafeTensorsCheckpoint"/>).
/// </summary>
public static class Checkpoint
{
    /// <summary>
    /// Writes the weights to <paramref name="path"/> through a temporary file, so a crash never leaves half a file;
    /// as safetensors when the path ends in .safetensors.
    /// </summary>
    public static void Save(nn.Module model, string path)
    {
        var temp = path + ".tmp";
        try
        {
            if (SafeTensorsCheckpoint.Is(path)) SafeTensorsCheckpoint.Write(model, temp);
            else model.save(temp);
            CrashTestPause.BeforeCommit();
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            RunFolder.TryDelete(temp);
            throw RunFolder.CannotWrite(path, e);
        }
        catch (System.Runtime.InteropServices.ExternalException e)
        {
            // libtorch's writer reports a full disk or an unwritable folder as its own error.
            RunFolder.TryDelete(temp);
            throw RunFolder.CannotWrite(path, e);
        }
    }

    /// <summary>
    /// Loads weights saved by <see cref="Save"/> into a model of the same architecture; a .safetensors file may also
    /// come from PyTorch (its state_dict, saved with safetensors' save_file).
    /// </summary>
    public static void Load(nn.Module model, string path) =>
        Load(model, path, "pass a checkpoint written by the same experiment");

    /// <summary>
    /// Loads weights after checking the file's length against what this model's weights take, so a truncated file is
    /// called truncated (TorchSharp's format holds names, shapes and values: its length depends on the architecture
    /// only). <paramref name="fix"/> ends the sentence refusing a file that does not fit.
    /// </summary>
    internal static void Load(nn.Module model, string path, string fix)
    {
        if (SafeTensorsCheckpoint.Is(path))
        {
            SafeTensorsCheckpoint.Load(model, path);
            return;
        }
        if (!File.Exists(path))
            throw new TrainDslException($"Checkpoint '{path}' does not exist; pass the model.bin or model.safetensors of a finished run with --checkpoint.");
        long length = new FileInfo(path).Length, expected = SavedLength(model);
        if (length < expected)
            throw new TrainDslException(string.Create(CultureInfo.InvariantCulture,
                $"Checkpoint '{path}' is truncated ({length:N0} of the {expected:N0} bytes this model's weights take); restore it from a backup or train again."));
        try
        {
            model.load(path);
        }
        catch (Exception e) when (e is not TrainDslException)
        {
            throw new TrainDslException($"Checkpoint '{path}' does not fit this experiment's model ({e.Message}); {fix}.", e);
        }
    }

    /// <summary>What <c>eval</c> prints before its metrics: which weights it evaluates on which images.</summary>
    public static string Evaluating(string checkpoint, string split, int images) => string.Create(CultureInfo.InvariantCulture,
        $"evaluating '{Path.GetFullPath(checkpoint)}' on the {split} split: {images:N0} images");

    /// <summary>The length of the file <see cref="Save"/> writes for <paramref name="model"/>.</summary>
    internal static long SavedLength(nn.Module model)
    {
        using var counter = new CountingStream();
        model.save(counter);
        return counter.Length;
    }

    // Counts what is written, storing nothing.
    private sealed class CountingStream : Stream
    {
        private long length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => length;
        public override long Position { get => length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => length += buffer.Length;
    }
}
