using TorchSharp;
using TorchSharp.Modules;
using TrainDsl.Data;
using TrainDsl.Models;
using TrainDsl.Tests.Data;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Recipe;

/// <summary>A user's model checked against the data before the first step: one sentence for each mistake, no side effect otherwise.</summary>
public class ModelCheckTests
{
    public ModelCheckTests() => TrainDsl.Runs.TorchRuntime.EnsureLoaded();

    private static ImageDataset Train => SharedData.Fashion.Train;

    private sealed class Net : nn.Module<Tensor, Tensor>
    {
        private readonly Conv2d conv;
        private readonly BatchNorm2d norm;
        private readonly Linear head;

        public Net(int inChannels, int classes, bool register = true, int headInputs = 4 * 13 * 13) : base(nameof(Net))
        {
            conv = nn.Conv2d(inChannels, 4, 3, stride: 2);
            norm = nn.BatchNorm2d(4);
            head = nn.Linear(headInputs, classes);
            if (register) RegisterComponents();
        }

        public override Tensor forward(Tensor x) => head.forward(nn.functional.relu(norm.forward(conv.forward(x))).flatten(1));
    }

    [Fact]
    public void AModelThatFitsPassesAndIsLeftAsItWas()
    {
        using var model = new Net(1, 10);
        model.train();
        var before = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());

        ModelCheck.FitsData(model, Train, "Net");

        Assert.True(model.training);
        foreach (var (key, value) in model.state_dict())
            TensorAssert.Identical(before[key], value);
    }

    [Fact]
    public void SwappedConstructorArgumentsGetOneSentence()
    {
        using var model = new Net(10, 1); // (classes, inChannels) by mistake
        var error = Assert.Throws<TrainDslException>(() => ModelCheck.FitsData(model, Train, "Net"));
        Assert.StartsWith("The model Net fails on one 1×28×28 training image (", error.Message);
        Assert.EndsWith("it is created with (inChannels: 1, classes: 10): check the constructor's parameter order and that its layers fit 28×28 images.", error.Message);
    }

    [Fact]
    public void ALayerThatDoesNotFitThePreviousOneGetsOneSentenceWithTheShapes()
    {
        // The conv gives 4 maps of 13×13 = 676 features per image; a head sized for 16×16 inputs (4 × 7 × 7 = 196) cannot take them.
        using var model = new Net(1, 10, headInputs: 4 * 7 * 7);
        var error = Assert.Throws<TrainDslException>(() => ModelCheck.FitsData(model, Train, "Net"));
        Assert.StartsWith("The model Net fails on one 1×28×28 training image (", error.Message);
        Assert.Contains("1x676 and 196x10", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void AnOutputOfTheWrongWidthGetsOneSentence()
    {
        using var model = new Net(1, 5);
        var error = Assert.Throws<TrainDslException>(() => ModelCheck.FitsData(model, Train, "Net"));
        Assert.Equal("The model Net gives an output shaped [1, 5] for one image, but the data has 10 classes; its last layer must give [batch, 10] scores.", error.Message);
    }

    [Fact]
    public void AModelWithoutRegisteredLayersGetsOneSentence()
    {
        using var model = new Net(1, 10, register: false);
        var error = Assert.Throws<TrainDslException>(() => ModelCheck.FitsData(model, Train, "Net"));
        Assert.StartsWith("The model Net has no parameters to train; register its layers", error.Message);
    }
}
