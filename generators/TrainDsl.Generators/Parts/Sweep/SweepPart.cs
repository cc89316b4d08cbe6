using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TrainDsl.Generators.Parts.Sweep;

/// <summary><c>[Sweep(nameof(Config.X), v1, v2, ..)]</c> as written: the Config property to vary and the values to try.</summary>
internal sealed record SweepPart(Argument<string>? Name, EquatableArray<SweepValue> Values, LocationInfo? Attribute)
{
    public static SweepPart Parse(AttributeArguments args)
    {
        Argument<string>? name = null;
        if (args.TryGetPositional(0, out var value, out var location))
        {
            if (value.Value is string text) name = new Argument<string>(text, location);
            else args.MarkMalformed(); // null: the compiler accepts it, but it names nothing
        }
        var values = args.PositionalParams(1).Select(v => SweepValue.From(v.Value, v.Location)).ToEquatableArray();
        return new SweepPart(name, values, args.Attribute);
    }
}

/// <summary>What a swept value is in C#; only these convert to a Config property.</summary>
internal enum SweepValueKind { Int, Double, Bool, String, Other }

/// <summary>One swept value: its kind, its number (for the range check) and its text as <c>--set</c> accepts it (invariant culture).</summary>
internal sealed record SweepValue(SweepValueKind Kind, double Number, string Text, LocationInfo? Location)
{
    public static SweepValue From(TypedConstant value, LocationInfo? location) => value.Value switch
    {
        int i => new(SweepValueKind.Int, i, i.ToString(CultureInfo.InvariantCulture), location),
        double d => new(SweepValueKind.Double, d, d.ToString("R", CultureInfo.InvariantCulture), location),
        bool b => new(SweepValueKind.Bool, 0, b ? "true" : "false", location),
        string s => new(SweepValueKind.String, 0, s, location),
        float f => new(SweepValueKind.Double, f, f.ToString("R", CultureInfo.InvariantCulture), location),
        null => new(SweepValueKind.Other, 0, "null", location),
        var other => new(SweepValueKind.Other, 0, System.Convert.ToString(other, CultureInfo.InvariantCulture) ?? "?", location),
    };

    /// <summary>The value as the property's type would hold it, or null when it does not convert (a double for an int, text for a number).</summary>
    public string? ConvertTo(string propertyType) => propertyType switch
    {
        "int" when Kind == SweepValueKind.Int => Text,
        "double" or "double?" when Kind is SweepValueKind.Int or SweepValueKind.Double => Text,
        "bool" when Kind == SweepValueKind.Bool => Text,
        "string?" or "string" when Kind == SweepValueKind.String => Text,
        _ => null,
    };
}
