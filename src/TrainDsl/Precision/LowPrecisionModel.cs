using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainDsl.Precision;

/// <summary>
/// A model that runs forward and backward in 16 bits (bf16 or fp16) and takes and returns fp32 tensors,
/// for a 16-bit teacher, 16-bit evaluation and the working copy of <see cref="MixedPrecision"/>.
/// <para>Normalisation layers (BatchNorm, InstanceNorm, GroupNorm, LayerNorm) stay fp32: LibTorch's CPU
/// kernels take a 16-bit input with fp32 weights and statistics and return 16 bits, as autocast does.</para>
/// <para>By default 4-D weights and inputs use the channels-last layout (NHWC in memory), in which oneDNN runs
/// 16-bit convolutions without reordering, about 1.8× faster than NCHW here; activations then stay channels-last,
/// so a model that calls <c>view</c> on a 4-D activation needs <c>channelsLast: false</c> (<c>flatten</c> and
/// <c>reshape</c> work either way). TorchSharp has no memory_format argument, so the strides are made by permuting.</para>
/// </summary>
public sealed class LowPrecisionModel : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> model;

    /// <summary>Converts <paramref name="model"/> in place (see <see cref="ToHalf"/>) and wraps it; this wrapper then owns it.</summary>
    public LowPrecisionModel(nn.Module<Tensor, Tensor> model, AmpPrecision precision = AmpPrecision.BFloat16, bool channelsLast = true)
        : base(nameof(LowPrecisionModel))
    {
        ArgumentNullException.ThrowIfNull(model);
        Precision = precision;
        ChannelsLast = channelsLast;
        this.model = ToHalf(model, precision, channelsLast);
        RegisterComponents();
    }

    public AmpPrecision Precision { get; }

    /// <summary>Whether 4-D weights and inputs are channels-last.</summary>
    public bool ChannelsLast { get; }

    /// <summary>The wrapped 16-bit model.</summary>
    public nn.Module<Tensor, Tensor> Model => model;

    /// <summary>Casts a floating-point input to 16 bits, runs the model, returns the output as fp32.</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input.is_floating_point() ? ToWorking(input, ScalarTypeOf(Precision), ChannelsLast) : input;
        var output = model.call(x);
        return scope.MoveToOuter(output.dtype == ScalarType.Float32 ? output : output.to(ScalarType.Float32));
    }

    /// <summary>The LibTorch type of <paramref name="precision"/>.</summary>
    public static ScalarType ScalarTypeOf(AmpPrecision precision) => precision switch
    {
        AmpPrecision.BFloat16 => ScalarType.BFloat16,
        AmpPrecision.Float16 => ScalarType.Float16,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Mixed precision runs in BFloat16 or Float16."),
    };

    /// <summary>Whether <paramref name="module"/> is a normalisation layer, whose weights and statistics stay fp32.</summary>
    public static bool IsNormalization(nn.Module module) => module is NormBase or GroupNorm or LayerNorm;

    /// <summary>
    /// Converts <paramref name="module"/> in place to 16 bits except its normalisation layers, whose
    /// parameters and statistics keep their fp32 values exactly; 4-D weights become channels-last unless
    /// <paramref name="channelsLast"/> is false. Parameter objects are replaced: create optimizers afterwards.
    /// </summary>
    public static T ToHalf<T>(T module, AmpPrecision precision, bool channelsLast = true) where T : nn.Module
    {
        ArgumentNullException.ThrowIfNull(module);
        var type = ScalarTypeOf(precision);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // module.to(type) converts every layer; the normalisation layers are restored from a copy
        // instead of being converted back, which would round their statistics through 16 bits.
        var norms = module.named_modules().Where(m => IsNormalization(m.module)).Select(m => m.module).ToList();
        var saved = norms.Select(n => n.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone())).ToList();
        module.to(type);
        for (int i = 0; i < norms.Count; i++)
        {
            norms[i].to(ScalarType.Float32);
            foreach (var (name, tensor) in norms[i].state_dict())
            {
                var original = saved[i][name];
                if (tensor.dtype != original.dtype)
                    throw new TrainDslException($"The normalisation layer's '{name}' is {original.dtype}, which mixed precision cannot keep; use fp32 normalisation layers.");
                tensor.copy_(original);
            }
        }
        if (channelsLast)
            foreach (var p in module.parameters())
                if (p.dtype == type && p.dim() == 4) p.set_(ToChannelsLast(p));
        return module;
    }

    /// <summary>The same values in the channels-last layout (strides N: HWC, C: 1, H: WC, W: C).</summary>
    internal static Tensor ToChannelsLast(Tensor t) => t.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

    /// <summary>A 16-bit copy of a floating-point input, channels-last when asked and 4-D.</summary>
    internal static Tensor ToWorking(Tensor input, ScalarType type, bool channelsLast)
    {
        if (input.dim() != 4 || !channelsLast) return input.to(type);
        // One pass: cast and transpose into an NHWC buffer, seen through NCHW strides.
        var nhwc = empty(input.shape[0], input.shape[2], input.shape[3], input.shape[1], type);
        var x = nhwc.permute(0, 3, 1, 2);
        x.copy_(input);
        return x;
    }
}
