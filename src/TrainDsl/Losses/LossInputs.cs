using static TorchSharp.torch;

namespace TrainDsl.Losses;

/// <summary>Shape checks and the fp32 promotion the losses share.</summary>
internal static class LossInputs
{
    /// <summary>Losses run in fp32: bf16/fp16 logits lose too much precision in log-softmax.</summary>
    public static Tensor AsFloat32(Tensor t) => t.dtype == ScalarType.Float32 || t.dtype == ScalarType.Float64 ? t : t.to_type(ScalarType.Float32);

    public static Tensor AsInt64(Tensor t) => t.dtype == ScalarType.Int64 ? t : t.to_type(ScalarType.Int64);

    public static void RequireIndexTarget(Tensor logits, Tensor target, string loss)
    {
        if (logits.ndim != 2)
            throw new ArgumentException($"{loss} expects logits shaped [batch, classes], got [{string.Join(", ", logits.shape)}].", nameof(logits));
        if (target.ndim != 1 || target.shape[0] != logits.shape[0])
            throw new ArgumentException(
                $"{loss} expects one class index per sample (shape [{logits.shape[0]}]), got [{string.Join(", ", target.shape)}].", nameof(target));
        if (target.is_floating_point() || target.dtype == ScalarType.Bool)
            throw new ArgumentException($"{loss} expects integer class indices as targets, got {target.dtype}.", nameof(target));
    }
}
