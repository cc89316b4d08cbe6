namespace TrainDsl.Generators.Parts.Model;

/// <summary>Where the network comes from.</summary>
internal enum ModelSource { BuiltIn, Type, FactoryMethod }

/// <param name="Reference">The built-in's name, the type's <c>global::</c> name, or the factory's name.</param>
/// <param name="DisplayName">As the plan shows it: "SmallCnn", "MyNet", "CreateNet()".</param>
/// <param name="ZeroGamma">[ZeroGamma]: the last BatchNorm of each residual branch starts at γ = 0.</param>
internal sealed record ResolvedModel(
    ModelSource Source,
    ModelKind BuiltIn,
    string Reference,
    string DisplayName,
    ModelArguments Arguments,
    bool ZeroGamma)
{
    /// <summary>The declared network: a built-in, a user type or a factory method.</summary>
    public static ResolvedModel Resolve(ModelPart model, bool zeroGamma)
    {
        if (model.Type is { } type)
            return new ResolvedModel(ModelSource.Type, default, type.FullyQualifiedName, type.Name, type.Arguments, zeroGamma);
        if (model.Factory is { } factory)
            return new ResolvedModel(ModelSource.FactoryMethod, default, factory.Name, factory.Name + "()", factory.Arguments, zeroGamma);
        var kind = model.BuiltIn!.Value;
        return new ResolvedModel(ModelSource.BuiltIn, kind, kind.ToString(), kind.ToString(), ModelArguments.ChannelsAndClasses, zeroGamma);
    }
}
