namespace TrainDsl;

/// <summary>
/// The network to train: a built-in architecture, any TorchSharp <c>Module&lt;Tensor, Tensor&gt;</c>
/// type with a constructor <c>(int inChannels, int classes)</c> or a parameterless one, or the name
/// of a static factory method on the experiment: <c>static Module&lt;Tensor, Tensor&gt; M(int inChannels, int classes)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ModelAttribute : Attribute
{
    public ModelAttribute(ModelKind model) => Kind = model;
    public ModelAttribute(Type type) => Type = type;
    public ModelAttribute(string factoryMethod) => FactoryMethod = factoryMethod;

    public ModelKind? Kind { get; }
    public Type? Type { get; }
    public string? FactoryMethod { get; }
}
