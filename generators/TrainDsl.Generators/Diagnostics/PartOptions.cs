using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace TrainDsl.Generators.Diagnostics;

/// <summary>
/// A part's attribute options as data. Each option names its attribute property (by <c>nameof</c> on the part
/// record, whose members are named after the attribute's), the range a written value must lie in (TD0004), and
/// the kinds of the part that take it: written on another kind it has no effect (TD0009). A part declares its
/// table once; <see cref="RangeRule"/> and <see cref="IgnoredOptionRule"/> read every table alike.
/// </summary>
/// <typeparam name="TPart">The declared part, e.g. <see cref="LossPart"/>.</typeparam>
internal sealed class PartOptions<TPart> : IEnumerable<PartOption<TPart>>
{
    private readonly List<PartOption<TPart>> _options = new();
    private readonly Func<TPart, object?>? _kind;
    private readonly string _noun;

    /// <param name="kind">The part's kind argument (an <see cref="Argument{T}"/> of an enum), when the part has kinds.</param>
    /// <param name="noun">How TD0009 names a kind: "loss" gives "the Focal loss".</param>
    public PartOptions(Func<TPart, object?>? kind = null, string noun = "")
    {
        _kind = kind;
        _noun = noun;
    }

    /// <summary>An option every kind takes, or (with <paramref name="takenBy"/>) only those kinds.</summary>
    /// <param name="read">The part's argument for the option (an <see cref="Argument{T}"/>), null when not written.</param>
    /// <param name="range">The range of a written number, or of each element of a list; null for none.</param>
    public void Add(string name, Func<TPart, object?> read, ConfigCheck? range, params Enum[] takenBy)
        => _options.Add(new PartOption<TPart>(name, read, range, takenBy));

    /// <summary>The range an option's values must lie in, for the generated Config property's [Check].</summary>
    public ConfigCheck RangeOf(string name)
        => _options.First(o => o.Name == name).Range ?? throw new ArgumentException(name + " has no range", nameof(name));

    /// <summary>TD0004 on the kind and on every written option.</summary>
    public void CheckRanges(TPart part, ICollection<DiagnosticInfo> diagnostics)
    {
        if (_kind?.Invoke(part) is { } kind) CheckEnum(KindName(kind), kind, diagnostics);
        foreach (var option in _options)
        {
            var written = option.Read(part);
            if (written is null) continue;
            CheckEnum(option.Name, written, diagnostics);
            if (option.Range is { } range) CheckRange(option.Name, written, range, diagnostics);
        }
    }

    /// <summary>TD0009 on every written option that the declared kind does not take.</summary>
    public void CheckIgnored(TPart part, ICollection<DiagnosticInfo> diagnostics)
    {
        if (_kind?.Invoke(part) is not { } kindArgument || Value(kindArgument) is not Enum kind) return;
        foreach (var option in _options)
        {
            if (option.TakenBy.Length == 0 || option.TakenBy.Contains(kind) || option.Read(part) is not { } written) continue;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OptionIgnored, Location(written), option.Name, "the " + kind + " " + _noun));
        }
    }

    public IEnumerator<PartOption<TPart>> GetEnumerator() => _options.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The kind's name in TD0004: the enum's type without "Kind" (LossKind → Loss).</summary>
    private static string KindName(object kind)
    {
        var type = Value(kind)!.GetType().Name;
        return type.EndsWith("Kind", StringComparison.Ordinal) ? type.Substring(0, type.Length - 4) : type;
    }

    private static void CheckEnum(string name, object written, ICollection<DiagnosticInfo> diagnostics)
    {
        if (Value(written) is not Enum value || Enum.IsDefined(value.GetType(), value)) return;
        Report(diagnostics, name, Convert.ToInt32(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            "one of " + string.Join(", ", Enum.GetNames(value.GetType())), Location(written));
    }

    private static void CheckRange(string name, object written, ConfigCheck range, ICollection<DiagnosticInfo> diagnostics)
    {
        switch (Value(written))
        {
            case int i when !ValueRanges.Contains(range, i):
                Report(diagnostics, name, CSharpLiteral.Int(i), ValueRanges.Describe(range), Location(written));
                break;
            case double d when !ValueRanges.Contains(range, d):
                Report(diagnostics, name, CSharpLiteral.Double(d), ValueRanges.Describe(range), Location(written));
                break;
            case EquatableArray<int> list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (!ValueRanges.Contains(range, list[i]))
                        Report(diagnostics, name + "[" + CSharpLiteral.Int(i) + "]", CSharpLiteral.Int(list[i]), Each(range), Location(written));
                }
                break;
            case EquatableArray<double> list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (!ValueRanges.Contains(range, list[i]))
                        Report(diagnostics, name + "[" + CSharpLiteral.Int(i) + "]", CSharpLiteral.Double(list[i]), Each(range), Location(written));
                }
                break;
        }
    }

    /// <summary>"a value > 0" said of a list's elements: "values > 0".</summary>
    private static string Each(ConfigCheck range) => "values" + ValueRanges.Describe(range).Substring("a value".Length);

    private static void Report(ICollection<DiagnosticInfo> diagnostics, string name, string value, string range, LocationInfo? location)
        => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ValueOutOfRange, location, name, value, range));

    private static object? Value(object argument) => ((IArgument)argument).BoxedValue;

    private static LocationInfo? Location(object argument) => ((IArgument)argument).Location;
}

/// <summary>One row of <see cref="PartOptions{TPart}"/>.</summary>
/// <param name="TakenBy">The kinds that take the option; empty when every kind does.</param>
internal sealed record PartOption<TPart>(string Name, Func<TPart, object?> Read, ConfigCheck? Range, Enum[] TakenBy);
