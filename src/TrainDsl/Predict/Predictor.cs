using System.Globalization;
using TorchSharp;
using TrainDsl.Data;
using TrainDsl.Data.Images;
using TrainDsl.Runs;
using static TorchSharp.torch;

namespace TrainDsl.Predict;

/// <summary>
/// A trained model ready to classify images exactly as evaluation feeds it: files decoded by <see cref="ImageDecoder"/>
/// to the model's <see cref="ModelInput"/> (what an image folder's cache holds), then batched and normalised by a
/// <see cref="BatchLoader"/> over the training statistics, as the test set is. The generated
/// <c>LoadPredictor(checkpoint)</c> of an experiment makes one; it owns the model and frees it on <see cref="Dispose"/>.
/// <para>Test-time augmentation (<c>tta</c>) averages the softmax of each image and of its horizontal flip.</para>
/// </summary>
public sealed class Predictor : IDisposable
{
    /// <summary>Images per forward pass, as in evaluation.</summary>
    public const int BatchSize = 512;

    private readonly nn.Module<Tensor, Tensor> model;

    public Predictor(nn.Module<Tensor, Tensor> model, ModelInput input)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        this.model = model;
        Input = input;
        model.eval();
    }

    /// <summary>The images the model reads and the names of its classes.</summary>
    public ModelInput Input { get; }

    /// <summary>
    /// Loads <paramref name="checkpoint"/> of <paramref name="experiment"/>: the input from the plan.json beside it, else
    /// from <paramref name="loadData"/> (the experiment's data, loaded as training loads it); the weights into
    /// <paramref name="createModel"/>'s model, which <paramref name="convert"/> may wrap (a 16-bit evaluation).
    /// </summary>
    public static Predictor Load(string checkpoint, string experiment, Func<int, int, nn.Module<Tensor, Tensor>> createModel,
        Func<DatasetSplits> loadData, RunSettings? settings = null, Func<nn.Module<Tensor, Tensor>, nn.Module<Tensor, Tensor>>? convert = null)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(createModel);
        ArgumentNullException.ThrowIfNull(loadData);
        settings ??= RunSettings.Default;
        if (!File.Exists(checkpoint))
            throw new TrainDslException($"Checkpoint '{checkpoint}' does not exist; pass the best.bin, model.bin or model.safetensors of a finished run with --checkpoint.");
        TorchRuntime.EnsureLoaded();
        if (settings.Threads > 0) torch.set_num_threads(settings.Threads);
        var input = ModelInput.FromRunFolder(checkpoint, experiment);
        if (input is null)
        {
            using var data = loadData();
            input = ModelInput.Of(data);
        }
        var model = createModel(input.Channels, input.Classes);
        try
        {
            Checkpoint.Load(model, checkpoint);
            return new Predictor(convert is null ? model : convert(model), input);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The top <paramref name="top"/> classes of the image file at <paramref name="imagePath"/>.</summary>
    public Prediction Predict(string imagePath, int top = 5, bool tta = false) => Predict([imagePath], top, tta)[0];

    /// <summary>The top <paramref name="top"/> classes of each image file, in the order given.</summary>
    public IReadOnlyList<Prediction> Predict(IReadOnlyList<string> imagePaths, int top = 5, bool tta = false)
    {
        ArgumentNullException.ThrowIfNull(imagePaths);
        CheckTop(top);
        var predictions = new List<Prediction>(imagePaths.Count);
        for (int start = 0; start < imagePaths.Count; start += BatchSize)
        {
            var chunk = imagePaths.Skip(start).Take(BatchSize).ToArray();
            using var scope = NewDisposeScope();
            var pixels = Decode(chunk);
            predictions.AddRange(Top(Probabilities(pixels, tta), top, chunk));
        }
        return predictions;
    }

    /// <summary>
    /// The top <paramref name="top"/> classes of each image of a [N, C, H, W] batch of <see cref="Input"/>'s shape: uint8
    /// pixels (normalised here, as the test set is) or float32 images already normalised.
    /// </summary>
    public IReadOnlyList<Prediction> Predict(Tensor images, int top = 5, bool tta = false)
    {
        CheckTop(top);
        using var scope = NewDisposeScope();
        return Top(Probabilities(images, tta), top, null);
    }

    /// <summary>
    /// Softmax probabilities [N, classes] of a batch as <see cref="Predict(Tensor, int, bool)"/> takes it; with
    /// <paramref name="tta"/>, the mean of each image's and its horizontal flip's. The caller owns the result.
    /// </summary>
    public Tensor Probabilities(Tensor images, bool tta = false)
    {
        ArgumentNullException.ThrowIfNull(images);
        CheckShape(images);
        if (images.shape[0] == 0) return empty([0, Input.Classes]);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var parts = new List<Tensor>();
        if (images.dtype == ScalarType.Byte)
        {
            foreach (var batch in Normalised(images))
            {
                using (batch) parts.Add(Softmax(batch.Images, tta));
            }
        }
        else if (images.dtype == ScalarType.Float32)
        {
            for (long start = 0; start < images.shape[0]; start += BatchSize)
                parts.Add(Softmax(images.narrow(0, start, Math.Min(BatchSize, images.shape[0] - start)), tta));
        }
        else
        {
            throw new TrainDslException(
                $"Images to classify are uint8 pixels or normalised float32, not {images.dtype}; convert them with .to(ScalarType.Float32) once normalised.");
        }
        var result = parts.Count == 1 ? parts[0] : cat(parts, 0);
        return scope.MoveToOuter(result);
    }

    /// <summary>The image files named: files as given, folders' image files recursively in ordinal path order.</summary>
    public static IReadOnlyList<string> ImageFiles(IEnumerable<string> filesOrFolders)
    {
        ArgumentNullException.ThrowIfNull(filesOrFolders);
        var files = new List<string>();
        foreach (var item in filesOrFolders)
        {
            if (File.Exists(item)) files.Add(item);
            else if (Directory.Exists(item))
            {
                var found = Directory.EnumerateFiles(item, "*", SearchOption.AllDirectories)
                    .Where(ImageDecoder.IsImageFile).Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0)
                    throw new TrainDslException(
                        $"The folder '{item}' holds no image file ({string.Join(", ", ImageDecoder.Extensions)}); pass a folder of images or the files themselves.");
                files.AddRange(found);
            }
            else throw new TrainDslException($"'{item}' is neither an image file nor a folder; pass PNG or JPEG files, or folders that hold them.");
        }
        if (files.Count == 0) throw new TrainDslException("No image to classify: pass PNG or JPEG files, or folders that hold them.");
        return files;
    }

    public void Dispose() => model.Dispose();

    // One forward pass on normalised images; the flip averages in probability space, as timm's and fastai's TTA do.
    // Softmax runs in fp32: a bf16 model's probabilities rounded to 8 bits tie where its logits do not, and the tie
    // would pick another class than evaluation's top-1 on the logits.
    private Tensor Softmax(Tensor normalised, bool tta)
    {
        var probabilities = softmax(model.forward(normalised).to_type(ScalarType.Float32), 1);
        if (!tta) return probabilities;
        var flipped = softmax(model.forward(normalised.flip(3)).to_type(ScalarType.Float32), 1);
        return probabilities.add(flipped).div(2);
    }

    // Normalised exactly as evaluation normalises the test set: a BatchLoader over a set with the training statistics.
    private IEnumerable<Batch> Normalised(Tensor pixels)
    {
        using var set = new ImageDataset(pixels.alias(), zeros(pixels.shape[0], ScalarType.Int64), Input.ClassNames, Input.Mean, Input.Std);
        foreach (var batch in new BatchLoader(set, BatchSize, shuffle: false, dropLast: false, prefetch: 0).Epoch(0))
            yield return batch;
    }

    // Decoded as an image folder's files are (ImageDecoder to the model's channels and size), on all cores.
    private Tensor Decode(string[] paths)
    {
        if (Input.Height != Input.Width)
            throw new TrainDslException(
                $"This model reads {Input} images, but image files decode to squares; pass a tensor of that shape to Predict instead.");
        int bytes = Input.Channels * Input.Height * Input.Width;
        var pixels = new byte[paths.Length * bytes];
        var failures = new Exception?[paths.Length];
        Parallel.For(0, paths.Length, i =>
        {
            try { ImageDecoder.Decode(paths[i], Input.Channels, Input.Height).CopyTo(pixels, i * bytes); }
            catch (Exception e) { failures[i] = e; }
        });
        // The first bad file in the order given, whichever thread met it first; its sentence names the file.
        if (failures.FirstOrDefault(e => e is not null) is { } failure)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        return tensor(pixels, [paths.Length, Input.Channels, Input.Height, Input.Width]);
    }

    // A float32 probability as the double with its shortest round-trip digits (0.20274995, not 0.20274995267391205).
    private static double Shortest(float p) =>
        double.Parse(p.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private void CheckShape(Tensor images)
    {
        if (images.dim() != 4 || images.shape[1] != Input.Channels || images.shape[2] != Input.Height || images.shape[3] != Input.Width)
            throw new TrainDslException(
                $"Images to classify must be [N, {Input.Channels}, {Input.Height}, {Input.Width}] (N images of {Input}), not [{string.Join(", ", images.shape)}].");
    }

    private static void CheckTop(int top)
    {
        if (top < 1) throw new TrainDslException($"The number of classes to show must be at least 1, not {top}.");
    }

    private IReadOnlyList<Prediction> Top(Tensor probabilities, int top, string[]? images)
    {
        if (probabilities.shape[0] == 0) return []; // TorchSharp cannot read an empty tensor's data
        int k = Math.Min(top, Input.Classes);
        // A stable sort, so equal probabilities keep the lower class first, as evaluation's argmax picks it (topk may not).
        var (sorted, order) = probabilities.sort(dim: 1, descending: true, stable: true);
        var (values, indices) = (sorted.narrow(1, 0, k).contiguous(), order.narrow(1, 0, k).contiguous());
        var p = values.data<float>().ToArray();
        var c = indices.data<long>().ToArray();
        int n = (int)probabilities.shape[0];
        var result = new Prediction[n];
        for (int i = 0; i < n; i++)
        {
            result[i] = new Prediction(images?[i], [.. Enumerable.Range(i * k, k)
                .Select(j => new ClassProbability((int)c[j], Input.ClassNames[(int)c[j]], Shortest(p[j])))]);
        }
        return result;
    }
}
