using System.Collections.Generic;

namespace TrainDsl.Generators.Parts.Augment;

/// <summary><c>[RandomResizedCrop(MinScale = .., MaxScale = .., MinRatio = .., MaxRatio = ..)]</c> as written.</summary>
internal sealed record RandomResizedCropPart(
    Argument<double>? MinScale,
    Argument<double>? MaxScale,
    Argument<double>? MinRatio,
    Argument<double>? MaxRatio,
    LocationInfo? Attribute)
{
    public static readonly PartOptions<RandomResizedCropPart> Options = new()
    {
        { nameof(MinScale), p => p.MinScale, ConfigCheck.StartFactor },
        { nameof(MaxScale), p => p.MaxScale, ConfigCheck.StartFactor },
        { nameof(MinRatio), p => p.MinRatio, ConfigCheck.Positive },
        { nameof(MaxRatio), p => p.MaxRatio, ConfigCheck.Positive },
    };

    public static RandomResizedCropPart Parse(AttributeArguments args) => new(
        args.Double(nameof(MinScale)),
        args.Double(nameof(MaxScale)),
        args.Double(nameof(MinRatio)),
        args.Double(nameof(MaxRatio)),
        args.Attribute);

    /// <summary>
    /// TD0004 on an inverted range (with the defaults filling in what is not written): reported on the low end when
    /// it is written, else on the high end. Values out of their own range are left to <see cref="Options"/>.
    /// </summary>
    public void CheckOrder(ICollection<DiagnosticInfo> diagnostics)
    {
        CheckPair(nameof(MinScale), MinScale, Defaults.ResizedCropMinScale, nameof(MaxScale), MaxScale, Defaults.ResizedCropMaxScale, diagnostics);
        CheckPair(nameof(MinRatio), MinRatio, Defaults.ResizedCropMinRatio, nameof(MaxRatio), MaxRatio, Defaults.ResizedCropMaxRatio, diagnostics);
    }

    private static void CheckPair(
        string lowName, Argument<double>? low, double lowDefault, string highName, Argument<double>? high, double highDefault,
        ICollection<DiagnosticInfo> diagnostics)
    {
        var (min, max) = (low?.Value ?? lowDefault, high?.Value ?? highDefault);
        var range = Options.RangeOf(lowName);
        if (!ValueRanges.Contains(range, min) || !ValueRanges.Contains(range, max) || min <= max) return;
        if (low is not null)
            Report(low.Location, lowName, min, "a value ≤ " + highName + " (" + CSharpLiteral.Double(max) + ")");
        else
            Report(high!.Location, highName, max, "a value ≥ " + lowName + " (" + CSharpLiteral.Double(min) + ")");

        void Report(LocationInfo? location, string name, double value, string use)
            => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ValueOutOfRange, location, name, CSharpLiteral.Double(value), use));
    }
}
