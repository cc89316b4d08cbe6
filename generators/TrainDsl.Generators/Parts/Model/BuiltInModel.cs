namespace TrainDsl.Generators.Parts.Model;

/// <summary>The built-in architectures' families: which runtime class builds each and which have residual norms.</summary>
internal static class BuiltInModel
{
    /// <summary>The wide ResNets (TrainDsl.Models.WideResNet), whose pre-activation blocks have no residual-branch norm.</summary>
    public static bool IsWideResNet(ModelKind kind)
        => kind is ModelKind.Wrn16x2 or ModelKind.Wrn16x4 or ModelKind.Wrn16x8 or ModelKind.Wrn28x10 or ModelKind.Wrn40x4;

    /// <summary>How the runtime builds a built-in: <c>new SmallCnn</c>, <c>ResNet.ResNet20</c>, <c>WideResNet.Wrn16x4</c>.</summary>
    public static string Factory(ModelKind kind)
        => kind == ModelKind.SmallCnn ? "new SmallCnn" : (IsWideResNet(kind) ? "WideResNet." : "ResNet.") + kind;
}
