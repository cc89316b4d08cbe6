namespace TrainDsl.Generators.Parts.Model;

/// <summary>
/// <c>[Model(..)]</c>: a built-in architecture, a <c>typeof(T)</c>, or a <c>nameof(Method)</c>.
/// Exactly one of <see cref="BuiltIn"/>, <see cref="Type"/> and <see cref="Factory"/> is set unless malformed.
/// </summary>
/// <param name="Argument">The constructor argument, where TD0005/TD0008 point.</param>
internal sealed record ModelPart(
    Argument<ModelKind>? BuiltIn,
    ModelTypeInfo? Type,
    FactoryMethodInfo? Factory,
    LocationInfo? Argument,
    LocationInfo? Attribute)
{
    /// <summary>[Model] has no options; the table checks a built-in's kind.</summary>
    public static readonly PartOptions<ModelPart> Options = new(p => p.BuiltIn);
}

/// <summary>How the generated code creates the network.</summary>
internal enum ModelArguments
{
    /// <summary><c>new T(inChannels, classes)</c> or <c>M(inChannels, classes)</c>.</summary>
    ChannelsAndClasses,

    /// <summary><c>new T()</c> or <c>M()</c>.</summary>
    None,
}

/// <summary>What is wrong with a <c>[Model(typeof(T))]</c> type (TD0005).</summary>
internal enum ModelTypeProblem { None, NotAModule, Abstract, OpenGeneric, NoUsableConstructor }

/// <summary>A user network type and how it can be constructed.</summary>
/// <param name="FullyQualifiedName">As generated code spells it: <c>global::Ns.MyNet</c>.</param>
/// <param name="DisplayName">As messages show it: <c>Ns.MyNet</c>.</param>
/// <param name="Name">As the plan shows it: <c>MyNet</c>.</param>
/// <param name="HasResidualNorms">It implements TrainDsl.Models.IResidualNorms, so [ZeroGamma] can apply.</param>
internal sealed record ModelTypeInfo(
    string FullyQualifiedName,
    string DisplayName,
    string Name,
    ModelTypeProblem Problem,
    ModelArguments Arguments,
    bool HasResidualNorms);

/// <summary>What is wrong with a <c>[Model(nameof(M))]</c> factory method (TD0008).</summary>
internal enum FactoryMethodProblem { None, NotFound, NotStatic, WrongReturnType, WrongParameters, NameTaken }

/// <summary>A static factory method on the experiment that creates the network.</summary>
/// <param name="ReturnsResidualNorms">Its return type implements TrainDsl.Models.IResidualNorms.</param>
internal sealed record FactoryMethodInfo(
    string Name,
    FactoryMethodProblem Problem,
    ModelArguments Arguments,
    bool ReturnsResidualNorms);
