using TorchSharp;
using TrainDsl.Models;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Numerics;

/// <summary>ModelFlops: a small net counted by hand, and the wide ResNets against the count from their architecture (wide_resnet.py).</summary>
public class ModelFlopsTests
{
    [Fact]
    public void A_small_net_counts_as_by_hand()
    {
        // On a 1×8×8 image:
        //   conv 1→4, 3×3, padding 1: 4·8·8 = 256 outputs × 1·3·3 = 2,304 multiply-adds
        //   conv 4→6, 3×3, stride 2, padding 1, groups 2: 6·4·4 = 96 outputs × (4/2)·3·3 = 1,728
        //   linear 96→10: 10 outputs × 96 = 960
        // 4,992 multiply-adds = 9,984 FLOPs; BN, ReLU and flatten count nothing.
        using var net = nn.Sequential(
            ("0", nn.Conv2d(1, 4, 3, padding: 1)), ("1", nn.BatchNorm2d(4)), ("2", nn.ReLU()),
            ("3", nn.Conv2d(4, 6, 3, stride: 2, padding: 1, groups: 2)), ("4", nn.Flatten()), ("5", nn.Linear(96, 10)));
        Assert.Equal(9_984, ModelFlops.PerImage(net, 1, 8, 8));
    }

    [Fact]
    public void Counting_changes_nothing()
    {
        using var model = WideResNet.Wrn16x2(1, 10);
        model.train();
        var before = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        ModelFlops.PerImage(model, 1, 28, 28);
        Assert.True(model.training);
        foreach (var (name, tensor) in model.state_dict()) Assert.True(tensor.allclose(before[name], rtol: 0, atol: 0), name);
        foreach (var t in before.Values) t.Dispose();
        // The hooks are gone: a second count is the same, not doubled.
        Assert.Equal(ModelFlops.PerImage(model, 1, 28, 28), ModelFlops.PerImage(model, 1, 28, 28));
    }

    public static IEnumerable<object[]> Models() =>
        ReferenceData.Load("wide_resnet.json").GetProperty("models").EnumerateArray()
            .Select((m, i) => new object[] { $"{m.GetProperty("model").GetString()}({m.GetProperty("inChannels").GetInt32()}, 10)", i });

    [Theory]
    [MemberData(nameof(Models))]
    public void Wide_resnets_count_as_their_architecture(string label, int index)
    {
        var c = ReferenceData.Load("wide_resnet.json").GetProperty("models")[index];
        int inChannels = c.GetProperty("inChannels").GetInt32();
        string name = c.GetProperty("model").GetString()!;
        // Counting runs a forward: the two cheapest sizes are enough, the rest differ only in width and depth.
        if (name is "Wrn28x10" or "Wrn16x8") return;
        using var model = name switch
        {
            "Wrn16x2" => WideResNet.Wrn16x2(inChannels, 10),
            "Wrn16x4" => WideResNet.Wrn16x4(inChannels, 10),
            _ => WideResNet.Wrn40x4(inChannels, 10),
        };
        foreach (var size in new[] { 28, 32 })
            Assert.Equal(c.GetProperty("forwardFlops").GetProperty(size.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetInt64(),
                ModelFlops.PerImage(model, inChannels, size, size));
        _ = label;
    }
}
