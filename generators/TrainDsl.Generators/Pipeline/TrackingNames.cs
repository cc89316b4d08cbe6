namespace TrainDsl.Generators.Pipeline;

/// <summary>Names of the generator's pipeline steps, so tests can check each one is cached after an unrelated edit.</summary>
internal static class TrackingNames
{
    /// <summary>[Experiment] classes, and classes deriving from one, parsed into <see cref="Model.ExperimentDeclaration"/>s.</summary>
    public const string Declarations = nameof(Declarations);

    /// <summary>Declarations with defaults applied, or null when a rule reports an error.</summary>
    public const string Experiments = nameof(Experiments);

    /// <summary>Each valid experiment's generated file, before hint names are made unique.</summary>
    public const string Files = nameof(Files);

    /// <summary>The experiments' type names, sorted, for the entry point.</summary>
    public const string EntryPointExperiments = nameof(EntryPointExperiments);

    /// <summary>Whether the compilation declares any [Experiment] class, valid or not.</summary>
    public const string AnyDeclared = nameof(AnyDeclared);

    /// <summary>Whether the compilation is a console application without an explicit main type.</summary>
    public const string IsExecutable = nameof(IsExecutable);

    /// <summary>The user's Main methods and top-level statements, with the names each one uses.</summary>
    public const string OwnEntryPoints = nameof(OwnEntryPoints);

    /// <summary>Every [Experiment] class's name, valid or not, sorted.</summary>
    public const string ExperimentNames = nameof(ExperimentNames);

    /// <summary>Whether the user wrote a Main method or top-level statements.</summary>
    public const string HasOwnEntryPoint = nameof(HasOwnEntryPoint);

    /// <summary>The experiments the generated Main runs, or null when no Main is generated.</summary>
    public const string EntryPoint = nameof(EntryPoint);
}
