using TrainDsl.Generators.Emit;

namespace TrainDsl.Generators.Parts.Model;

/// <summary>The built-in architectures' families: which runtime class builds each and which have residual norms.</summary>
internal static class BuiltInModel
{
    /// <summary>The wide ResNets (TrainDsl.Models.WideResNet), whose pre-activation blocks have no residual-branch norm.</summary>
    public static bool IsWideResNet(ModelKind kind)
        => kind is ModelKind.Wrn16x2 or ModelKind.Wrn16x4 or ModelKind.Wrn16x8 or ModelKind.Wrn28x10 or ModelKind.Wrn40x4;

    /// <summary>
    /// How the runtime builds a built-in: <c>new global::TrainDsl.Models.SmallCnn</c>, <c>global::TrainDsl.Models.SmallCnn.WideCnn</c>,
    /// <c>global::TrainDsl.Models.ResNet.ResNet20</c>, ....
    /// </summary>
    public static string Factory(ModelKind kind) => kind switch
    {
        ModelKind.SmallCnn => "new " + Qualified.SmallCnn,
        ModelKind.WideCnn => Qualified.SmallCnn + "." + kind,
        _ => (IsWideResNet(kind) ? Qualified.WideResNet : Qualified.ResNet) + "." + kind,
    };
}
