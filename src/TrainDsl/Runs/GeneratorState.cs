using System.Text.Json;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace TrainDsl.Runs;

/// <summary>
/// A torch <see cref="Generator"/>'s position (get_state: the Philox/MT state as bytes) as JSON,
/// <c>{"generator":"&lt;base64&gt;"}</c>, so a resumed run draws the numbers an uninterrupted one would.
/// </summary>
internal static class GeneratorState
{
    public static string Save(Generator generator)
    {
        using var state = generator.get_state();
        return new JsonObject { ["generator"] = Convert.ToBase64String(state.data<byte>().ToArray()) }.ToJsonString();
    }

    /// <param name="generator">The generator to move.</param>
    /// <param name="json">What <see cref="Save"/> wrote.</param>
    /// <param name="owner">Who owns the generator, for the message (e.g. "MixingPolicy").</param>
    public static void Load(Generator generator, string json, string owner)
    {
        ArgumentNullException.ThrowIfNull(json);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String((string?)JsonNode.Parse(json)?["generator"]
                ?? throw new FormatException("'generator' is missing"));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new ArgumentException($"The saved {owner} random state is not valid ({e.Message}); pass the text SaveState wrote.", nameof(json), e);
        }
        using var current = generator.get_state();
        if (bytes.Length != current.numel())
            throw new ArgumentException($"The saved {owner} random state has {bytes.Length} bytes, but this generator's has {current.numel()}; pass the text SaveState wrote.", nameof(json));
        using var state = tensor(bytes);
        generator.set_state(state);
    }
}
