using TorchSharp;
using TrainDsl.Data.Images;
using TrainDsl.Predict;
using TrainDsl.Runs;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Predict;

/// <summary>
/// What <see cref="Predictor"/> computes, against the formula written out with torch: softmax of the model on
/// (x/255 − mean)/std, with TTA the mean of that and the same for the left–right mirrored image.
/// </summary>
public class PredictorTests : IDisposable
{
    static readonly ModelInput Input = new(2, 4, 5, [0.25f, 0.5f], [0.2f, 0.3f], ["a", "b", "c", "d"]);
    readonly string folder = Directory.CreateTempSubdirectory("traindsl-predict-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    // A linear model on the flattened pixels: no symmetry, so a flipped image gets other logits.
    static nn.Module<Tensor, Tensor> LinearModel()
    {
        TorchRuntime.EnsureLoaded();
        var generator = new Generator(7);
        var model = nn.Sequential(nn.Flatten(), nn.Linear(2 * 4 * 5, 4));
        using (no_grad())
            foreach (var p in model.parameters()) p.copy_(randn(p.shape, generator: generator));
        return model;
    }

    static Tensor Pixels(int n, ulong seed)
    {
        using var generator = new Generator(seed);
        return randint(0, 256, [n, 2, 4, 5], ScalarType.Byte, generator: generator);
    }

    // The normalisation written out: (x / 255 − mean) / std per channel.
    static Tensor Normalised(Tensor pixels) =>
        pixels.to(ScalarType.Float64).div(255)
            .sub(tensor(new double[] { 0.25f, 0.5f }).view(1, 2, 1, 1))
            .div(tensor(new double[] { 0.2f, 0.3f }).view(1, 2, 1, 1));

    static Tensor Softmax(nn.Module<Tensor, Tensor> model, Tensor normalised)
    {
        using var noGrad = no_grad();
        return softmax(model.forward(normalised.to(ScalarType.Float32)).to(ScalarType.Float64), 1);
    }

    [Fact]
    public void ProbabilitiesAreTheSoftmaxOfTheNormalisedImages()
    {
        using var scope = NewDisposeScope();
        var model = LinearModel();
        using var predictor = new Predictor(model, Input);
        var pixels = Pixels(6, 1);

        var actual = predictor.Probabilities(pixels);

        var expected = Softmax(model, Normalised(pixels));
        Assert.True(actual.to(ScalarType.Float64).allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void TtaAveragesTheSoftmaxOfEachImageAndItsHorizontalFlip()
    {
        using var scope = NewDisposeScope();
        var model = LinearModel();
        using var predictor = new Predictor(model, Input);
        var pixels = Pixels(6, 2);

        var actual = predictor.Probabilities(pixels, tta: true).to(ScalarType.Float64);

        var x = Normalised(pixels);
        var plain = Softmax(model, x);
        var mirrored = Softmax(model, x.flip(3)); // dim 3 is the width: left–right
        var expected = plain.add(mirrored).div(2);
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-6));
        // The flip matters for this model, so the test would notice TTA being ignored.
        Assert.False(actual.allclose(plain, rtol: 1e-3, atol: 1e-4));
    }

    [Fact]
    public void NormalisedFloatImagesGiveWhatTheirPixelsGive()
    {
        using var scope = NewDisposeScope();
        using var predictor = new Predictor(LinearModel(), Input);
        var pixels = Pixels(3, 3);

        var fromPixels = predictor.Probabilities(pixels, tta: true);
        var fromFloats = predictor.Probabilities(Normalised(pixels).to(ScalarType.Float32), tta: true);

        Assert.True(fromPixels.allclose(fromFloats, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void TopListsTheKMostProbableClassesBestFirstWithTheirNames()
    {
        using var scope = NewDisposeScope();
        var model = LinearModel();
        using var predictor = new Predictor(model, Input);
        var pixels = Pixels(5, 4);
        var expected = Softmax(model, Normalised(pixels));

        var predictions = predictor.Predict(pixels, top: 3);

        Assert.Equal(5, predictions.Count);
        for (int i = 0; i < 5; i++)
        {
            var row = expected[i].data<double>().ToArray();
            var order = Enumerable.Range(0, 4).OrderByDescending(c => row[c]).Take(3).ToArray();
            Assert.Equal(order, predictions[i].Top.Select(c => c.Class));
            Assert.Equal(order.Select(c => Input.ClassNames[c]), predictions[i].Top.Select(c => c.Name));
            Assert.Equal(order.Select(c => row[c]), predictions[i].Top.Select(c => c.Probability), (a, b) => Math.Abs(a - b) < 1e-6);
            Assert.Equal(order[0], predictions[i].Class);
            Assert.Null(predictions[i].Image);
        }
        // More classes than the model has: all of them.
        Assert.Equal(4, predictor.Predict(pixels, top: 10)[0].Top.Count);
    }

    [Fact]
    public void EqualProbabilitiesListTheLowerClassFirstAsArgmaxDoes()
    {
        using var scope = NewDisposeScope();
        var model = LinearModel();
        using (no_grad())
            foreach (var p in model.parameters()) p.zero_(); // every logit 0: four equal probabilities
        using var predictor = new Predictor(model, Input);

        var prediction = predictor.Predict(Pixels(3, 6), top: 4);

        Assert.All(prediction, p => Assert.Equal([0, 1, 2, 3], p.Top.Select(c => c.Class)));
        Assert.All(prediction, p => Assert.All(p.Top, c => Assert.Equal(0.25, c.Probability)));
    }

    [Fact]
    public void ImageFilesAreDecodedToTheModelsInput()
    {
        using var scope = NewDisposeScope();
        var grey = Input with { Channels = 1, Height = 5, Mean = [0.25f], Std = [0.2f] };
        using var greyPredictor = new Predictor(nn.Sequential(nn.Flatten(), nn.Linear(5 * 5, 4)), grey);
        var pixels = new byte[5 * 5];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 10);
        var file = Path.Combine(folder, "grey.png");
        File.WriteAllBytes(file, ImageEncoder.Encode(pixels, 1, 5, 5, ImageFileFormat.Png, 95));

        var fromFile = greyPredictor.Predict(file, top: 4);
        var fromTensor = greyPredictor.Predict(tensor(pixels, [1, 1, 5, 5]), top: 4)[0];

        Assert.Equal(file, fromFile.Image);
        Assert.Equal(fromTensor.Top, fromFile.Top);
    }

    [Fact]
    public void FoldersAreSearchedRecursivelyInPathOrder()
    {
        foreach (var name in new[] { "b/2.png", "a/z.jpg", "a/sub/1.PNG", "a/notes.txt", "c.png" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, name))!);
            File.WriteAllText(Path.Combine(folder, name), "");
        }

        var files = Predictor.ImageFiles([Path.Combine(folder, "c.png"), folder]);

        Assert.Equal(new[] { "c.png", "a/sub/1.PNG", "a/z.jpg", "b/2.png", "c.png" }.Select(n => Path.Combine(folder, n)), files);
    }

    [Theory]
    [InlineData("missing.png", "is neither an image file nor a folder")]
    [InlineData("empty", "holds no image file")]
    public void MissingImagesGetOneSentence(string name, string expected)
    {
        Directory.CreateDirectory(Path.Combine(folder, "empty"));
        var e = Assert.Throws<TrainDslException>(() => Predictor.ImageFiles([Path.Combine(folder, name)]));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void AnUnreadableImageIsNamedInOneSentence()
    {
        var good = Path.Combine(folder, "good.png");
        File.WriteAllBytes(good, ImageEncoder.Encode(new byte[25], 1, 5, 5, ImageFileFormat.Png, 95));
        var bad = Path.Combine(folder, "bad.png");
        File.WriteAllText(bad, "not a picture");
        var grey = Input with { Channels = 1, Height = 5, Mean = [0.25f], Std = [0.2f] };
        using var predictor = new Predictor(nn.Sequential(nn.Flatten(), nn.Linear(5 * 5, 4)), grey);

        var e = Assert.Throws<InvalidDataException>(() => predictor.Predict([good, bad]));

        Assert.Contains($"Image '{bad}' is not an image", e.Message);
    }

    [Fact]
    public void AnEmptyBatchHasNoPredictionsAndTopMustBeAtLeastOne()
    {
        using var scope = NewDisposeScope();
        using var predictor = new Predictor(LinearModel(), Input);

        Assert.Empty(predictor.Predict(zeros([0, 2, 4, 5], ScalarType.Byte)));
        Assert.Equal([0L, 4L], predictor.Probabilities(zeros([0, 2, 4, 5], ScalarType.Float32)).shape);
        var e = Assert.Throws<TrainDslException>(() => predictor.Predict(Pixels(1, 5), top: 0));
        Assert.Contains("at least 1, not 0", e.Message);
    }

    [Fact]
    public void ATensorOfAnotherShapeIsRefused()
    {
        using var scope = NewDisposeScope();
        using var predictor = new Predictor(LinearModel(), Input);

        var e = Assert.Throws<TrainDslException>(() => predictor.Predict(zeros([1, 3, 4, 5], ScalarType.Byte)));

        Assert.Contains("must be [N, 2, 4, 5]", e.Message);
    }
}
