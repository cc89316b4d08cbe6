using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TrainDsl.Generators.Diagnostics;

/// <summary>A diagnostic a rule found, as plain values; the analyzer turns it into a <see cref="Diagnostic"/>.</summary>
/// <param name="Properties">Extra values for code fixes (e.g. the learning rate the rule expects).</param>
internal sealed record DiagnosticInfo(
    DiagnosticDescriptor Descriptor,
    LocationInfo? Location,
    EquatableArray<string> MessageArgs,
    EquatableArray<DiagnosticProperty> Properties)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArgs)
        => new(descriptor, location, new EquatableArray<string>(messageArgs), EquatableArray<DiagnosticProperty>.Empty);

    public bool IsError => Descriptor.DefaultSeverity == DiagnosticSeverity.Error;

    public Diagnostic ToDiagnostic(Compilation? compilation)
        => Diagnostic.Create(
            Descriptor,
            Location?.ToLocation(compilation) ?? Microsoft.CodeAnalysis.Location.None,
            ImmutableDictionary.CreateRange(Properties.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))),
            MessageArgs.Cast<object>().ToArray());
}

/// <summary>One key/value pair passed from a rule to its code fix.</summary>
internal sealed record DiagnosticProperty(string Key, string Value);
