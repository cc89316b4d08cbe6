using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TrainDsl.Generators.Pipeline;

/// <summary>
/// One applied attribute's arguments, read as typed values with the location of the argument that
/// wrote each. A value of the wrong type (the compiler reports it) reads as absent and marks the
/// attribute malformed.
/// </summary>
internal sealed class AttributeArguments
{
    private readonly AttributeData _data;
    private readonly AttributeSyntax? _syntax;

    public AttributeArguments(AttributeData data, CancellationToken cancellationToken)
    {
        _data = data;
        _syntax = data.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        IsMalformed = data.AttributeConstructor is null
            || data.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)
            || data.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error)
            || HasUnboundArguments(data, _syntax);
        Attribute = LocationInfo.From(_syntax);
    }

    public bool IsMalformed { get; private set; }

    /// <summary>Marks an argument the parser cannot use; the compiler reports what is wrong with it.</summary>
    public void MarkMalformed() => IsMalformed = true;

    /// <summary>
    /// Arguments the compiler could not bind (an unknown property name, say) are missing from the
    /// attribute data; compare with the syntax so such an attribute counts as malformed.
    /// </summary>
    private static bool HasUnboundArguments(AttributeData data, AttributeSyntax? syntax)
    {
        if (syntax?.ArgumentList is not { } list) return false;
        var named = list.Arguments.Count(a => a.NameEquals is not null);
        var positional = list.Arguments.Count - named;
        // A params array ([Sweep(name, v1, v2, ..)]) packs any number of written arguments into the last one.
        var packed = data.AttributeConstructor is { Parameters: { Length: > 0 } parameters }
            && parameters[parameters.Length - 1].IsParams
            && data.ConstructorArguments.Length == parameters.Length
            && data.ConstructorArguments[parameters.Length - 1].Kind == TypedConstantKind.Array;
        return named != data.NamedArguments.Length
            || (packed ? positional < data.ConstructorArguments.Length - 1 : positional != data.ConstructorArguments.Length);
    }

    public LocationInfo? Attribute { get; }

    /// <summary>
    /// Named arguments the compiler could not bind to a property (<c>gamma = 2</c> on [Loss]): their names and
    /// where they are written, for TD0026.
    /// </summary>
    public IEnumerable<(string Name, LocationInfo? Location)> UnboundNames()
    {
        if (_syntax?.ArgumentList is not { } list) yield break;
        foreach (var argument in list.Arguments)
        {
            if (argument.NameEquals is not { } nameEquals) continue;
            var name = nameEquals.Name.Identifier.ValueText;
            if (!_data.NamedArguments.Any(a => a.Key == name)) yield return (name, LocationInfo.From(nameEquals.Name));
        }
    }

    /// <summary>The attribute's settable properties: what a named argument may name.</summary>
    public IEnumerable<string> PropertyNames()
        => _data.AttributeClass?.GetMembers().OfType<IPropertySymbol>()
               .Where(p => p.SetMethod is { DeclaredAccessibility: Accessibility.Public } && !p.IsStatic)
               .Select(p => p.Name) ?? Enumerable.Empty<string>();

    public AttributeSyntax? Syntax => _syntax;

    /// <summary>The constructor argument at <paramref name="index"/>, if present.</summary>
    public bool TryGetPositional(int index, out TypedConstant value, out LocationInfo? location)
    {
        location = null;
        value = default;
        if (index >= _data.ConstructorArguments.Length) return false;
        value = _data.ConstructorArguments[index];
        var positional = _syntax?.ArgumentList?.Arguments.Where(a => a.NameEquals is null).ElementAtOrDefault(index);
        location = LocationInfo.From(positional) ?? Attribute;
        return true;
    }

    private bool TryGetNamed(string name, out TypedConstant value, out LocationInfo? location)
    {
        location = null;
        value = default;
        foreach (var pair in _data.NamedArguments)
        {
            if (pair.Key != name) continue;
            value = pair.Value;
            var argument = _syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
            location = LocationInfo.From(argument) ?? Attribute;
            return true;
        }
        return false;
    }

    public Argument<int>? Int(string name)
        => TryGetNamed(name, out var value, out var location) ? Int(value, location) : null;

    public Argument<double>? Double(string name)
        => TryGetNamed(name, out var value, out var location) ? Double(value, location) : null;

    public Argument<bool>? Bool(string name)
    {
        if (!TryGetNamed(name, out var value, out var location)) return null;
        if (value.Value is bool b) return new Argument<bool>(b, location);
        IsMalformed = true;
        return null;
    }

    /// <summary>A string argument; <c>= null</c> reads as absent, like omitting it.</summary>
    public Argument<string>? String(string name)
    {
        if (!TryGetNamed(name, out var value, out var location)) return null;
        if (value.Value is string s) return new Argument<string>(s, location);
        if (value.IsNull) return null;
        IsMalformed = true;
        return null;
    }

    public Argument<EquatableArray<int>>? IntArray(string name)
        => TryGetNamed(name, out var value, out var location) ? Array(value, location, v => v is int i ? i : (int?)null) : null;

    public Argument<EquatableArray<double>>? DoubleArray(string name)
        => TryGetNamed(name, out var value, out var location) ? Array(value, location, v => v is double d ? d : (double?)null) : null;

    public Argument<TEnum>? Enum<TEnum>(string name) where TEnum : struct, Enum
        => TryGetNamed(name, out var value, out var location) ? Enum<TEnum>(value, location) : null;

    /// <summary>The enum constructor argument at <paramref name="index"/>.</summary>
    public Argument<TEnum>? PositionalEnum<TEnum>(int index) where TEnum : struct, Enum
        => TryGetPositional(index, out var value, out var location) ? Enum<TEnum>(value, location) : Missing<Argument<TEnum>>();

    /// <summary>The enum constructor argument at <paramref name="index"/> of an attribute that also has a constructor without it; null when left out.</summary>
    public Argument<TEnum>? OptionalPositionalEnum<TEnum>(int index) where TEnum : struct, Enum
        => TryGetPositional(index, out var value, out var location) ? Enum<TEnum>(value, location) : null;

    /// <summary>
    /// The elements of a <c>params</c> constructor argument starting at <paramref name="index"/>, each with where it is
    /// written (the whole array's place when the user wrote an array expression).
    /// </summary>
    public IReadOnlyList<(TypedConstant Value, LocationInfo? Location)> PositionalParams(int index)
    {
        if (!TryGetPositional(index, out var first, out var firstLocation)) return [];
        // In the generator's compilation an argument such as nameof(Config.X) does not bind yet (Config is generated), and
        // the compiler then lists the params elements one by one instead of as one array.
        var values = first.Kind == TypedConstantKind.Array && _data.ConstructorArguments.Length == index + 1
            ? (first.IsNull ? [] : first.Values.ToList())
            : _data.ConstructorArguments.Skip(index).ToList();
        var written = _syntax?.ArgumentList?.Arguments.Where(a => a.NameEquals is null).Skip(index).ToList() ?? [];
        var oneEach = written.Count == values.Count;
        return values
            .Select((v, i) => (v, oneEach ? LocationInfo.From(written[i]) ?? firstLocation : firstLocation))
            .ToList();
    }

    private Argument<int>? Int(TypedConstant value, LocationInfo? location)
    {
        if (value.Value is int i) return new Argument<int>(i, location);
        IsMalformed = true;
        return null;
    }

    private Argument<double>? Double(TypedConstant value, LocationInfo? location)
    {
        if (value.Value is double d) return new Argument<double>(d, location);
        IsMalformed = true;
        return null;
    }

    private Argument<TEnum>? Enum<TEnum>(TypedConstant value, LocationInfo? location) where TEnum : struct, Enum
    {
        if (value.Kind == TypedConstantKind.Enum && value.Value is int i)
            return new Argument<TEnum>((TEnum)System.Enum.ToObject(typeof(TEnum), i), location);
        IsMalformed = true;
        return null;
    }

    private Argument<EquatableArray<T>>? Array<T>(TypedConstant value, LocationInfo? location, Func<object?, T?> convert)
        where T : struct, IEquatable<T>
    {
        if (value.Kind != TypedConstantKind.Array)
        {
            IsMalformed = true;
            return null;
        }
        if (value.IsNull) return null; // "= null" means the default, like omitting it
        var items = new T[value.Values.Length];
        for (var i = 0; i < items.Length; i++)
        {
            if (convert(value.Values[i].Value) is not { } item)
            {
                IsMalformed = true;
                return null;
            }
            items[i] = item;
        }
        return new Argument<EquatableArray<T>>(new EquatableArray<T>(items), location);
    }

    private T? Missing<T>() where T : class
    {
        IsMalformed = true;
        return null;
    }
}
