using static TorchSharp.torch;

namespace TrainDsl.Runs;

/// <summary>Saves and restores model weights in TorchSharp's format.</summary>
public static class Checkpoint
{
    /// <summary>Writes the weights to <paramref name="path"/> through a temporary file, so a crash never leaves half a file.</summary>
    public static void Save(nn.Module model, string path)
    {
        var temp = path + ".tmp";
        model.save(temp);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Loads weights saved by <see cref="Save"/> into a model of the same architecture.</summary>
    public static void Load(nn.Module model, string path)
    {
        if (!File.Exists(path))
            throw new TrainDslException($"Checkpoint '{path}' does not exist; pass the model.bin of a finished run with --checkpoint.");
        try
        {
            model.load(path);
        }
        catch (Exception e) when (e is not TrainDslException)
        {
            throw new TrainDslException(
                $"Checkpoint '{path}' does not fit this experiment's model ({e.Message}); pass a checkpoint written by the same experiment.", e);
        }
    }
}
