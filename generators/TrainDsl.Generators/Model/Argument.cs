namespace TrainDsl.Generators.Model;

/// <summary>A value the user wrote in an attribute, and where, so a rule can point at it.</summary>
internal sealed record Argument<T>(T Value, LocationInfo? Location) : IArgument
{
    object? IArgument.BoxedValue => Value;
}

/// <summary>An <see cref="Argument{T}"/> of any type, for the rules that read every part's options alike.</summary>
internal interface IArgument
{
    object? BoxedValue { get; }

    LocationInfo? Location { get; }
}
