namespace TrainDsl.Generators.Parts.Amp;

/// <summary><c>[Amp]</c>, <c>[Amp(Float16, LowPrecisionEval = .., ChannelsLast = ..)]</c>.</summary>
/// <param name="Precision">The positional precision when written; null is bf16.</param>
internal sealed record AmpPart(
    Argument<AmpPrecision>? Precision,
    Argument<bool>? LowPrecisionEval,
    Argument<bool>? ChannelsLast,
    LocationInfo? Attribute)
{
    public static readonly PartOptions<AmpPart> Options = new(p => p.Precision)
    {
        { nameof(LowPrecisionEval), p => p.LowPrecisionEval, null },
        { nameof(ChannelsLast), p => p.ChannelsLast, null },
    };

    public static AmpPart Parse(AttributeArguments args) => new(
        args.OptionalPositionalEnum<AmpPrecision>(0),
        args.Bool(nameof(LowPrecisionEval)),
        args.Bool(nameof(ChannelsLast)),
        args.Attribute);
}

/// <summary>Mixed precision as the loop runs it.</summary>
/// <param name="LowPrecisionEval">Evaluation runs the 16-bit working copy too.</param>
/// <param name="ChannelsLast">The 16-bit model keeps 4-D tensors channels-last.</param>
internal sealed record ResolvedAmp(AmpPrecision Precision, bool LowPrecisionEval, bool ChannelsLast)
{
    /// <summary>The declared precision with its defaults (bf16, fp32 evaluation, channels-last); null without [Amp].</summary>
    public static ResolvedAmp? Resolve(AmpPart? amp) => amp is null ? null
        : new(amp.Precision?.Value ?? AmpPrecision.BFloat16, amp.LowPrecisionEval?.Value ?? false, amp.ChannelsLast?.Value ?? true);

    /// <summary>
    /// The precision and layout arguments of <c>MixedPrecision</c> and <c>LowPrecisionModel</c>:
    /// <c>AmpPrecision.BFloat16</c>, with <c>, channelsLast: false</c> when declared.
    /// </summary>
    public string Arguments => Qualified.AmpPrecision + "." + Precision + (ChannelsLast ? "" : ", channelsLast: false");

    /// <summary>As plans and comments name it: "bf16", "fp16".</summary>
    public string ShortName => Precision == AmpPrecision.Float16 ? "fp16" : "bf16";
}
