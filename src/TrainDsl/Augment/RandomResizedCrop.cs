using System.Globalization;
using TorchSharp;
using TrainDsl.Runs;
using static TorchSharp.torch;

namespace TrainDsl.Augment;

/// <summary>
/// Random resized crop, as torchvision's RandomResizedCrop(size, scale, ratio, antialias=False) applied per sample:
/// each image gets a box whose area is a fraction of the image's drawn uniformly from [MinScale, MaxScale] and
/// whose aspect ratio w / h is drawn log-uniformly from [MinRatio, MaxRatio] (up to ten tries, then torchvision's
/// central fallback), and the box is resized bilinearly to the output size.
/// <para>The resize is two gathers per axis over the whole batch, with the taps and weights of
/// torch.nn.functional.interpolate(mode="bilinear", align_corners=False) on the cropped box. grid_sample with
/// per-sample affine grids would be one call too, but it clamps only at the image's border: when a box is
/// enlarged, its outer output rows read half a pixel past the box into the neighbouring pixels, where
/// torchvision clamps at the box's edge.</para>
/// <para>Without antialiasing, like torchvision's tensor resize with antialias=False: at the default output size
/// (the input's) a box is never shrunk, so antialiasing would change nothing. The bilinear weights sum to one, so
/// resizing a normalised batch gives the normalised resized images.</para>
/// </summary>
public sealed class RandomResizedCrop : IDisposable, IResumable
{
    /// <summary>Boxes drawn per image before the central fallback, as torchvision's get_params.</summary>
    public const int Attempts = 10;

    readonly Generator _generator;

    // The constructor creates a native generator, which may be the program's first libtorch call.
    static RandomResizedCrop() => torch.InitializeDeviceType(DeviceType.CPU);

    /// <param name="minScale">The smallest box area as a fraction of the image's, in (0, <paramref name="maxScale"/>].</param>
    /// <param name="maxScale">The largest box area as a fraction of the image's, in [<paramref name="minScale"/>, 1].</param>
    /// <param name="minRatio">The smallest width / height of a box, in (0, <paramref name="maxRatio"/>].</param>
    /// <param name="maxRatio">The largest width / height of a box.</param>
    /// <param name="seed">Seeds the generator that draws every box.</param>
    /// <param name="size">The output's height and width; null keeps each batch's own.</param>
    public RandomResizedCrop(
        double minScale = Defaults.ResizedCropMinScale, double maxScale = Defaults.ResizedCropMaxScale,
        double minRatio = Defaults.ResizedCropMinRatio, double maxRatio = Defaults.ResizedCropMaxRatio,
        long seed = 0, (int Height, int Width)? size = null)
    {
        if (!(minScale > 0 && minScale <= maxScale && maxScale <= 1))
            throw new ArgumentOutOfRangeException(nameof(minScale), $"The crop's area fractions must satisfy 0 < minScale ≤ maxScale ≤ 1, not {Exact(minScale)} and {Exact(maxScale)}; (0.08, 1) is torchvision's default.");
        if (!(minRatio > 0 && minRatio <= maxRatio && !double.IsInfinity(maxRatio)))
            throw new ArgumentOutOfRangeException(nameof(minRatio), $"The crop's aspect ratios must satisfy 0 < minRatio ≤ maxRatio < ∞, not {Exact(minRatio)} and {Exact(maxRatio)}; (3/4, 4/3) is torchvision's default.");
        if (size is { } s && (s.Height < 1 || s.Width < 1))
            throw new ArgumentOutOfRangeException(nameof(size), size, "The output size must be at least 1 × 1 pixels; leave it out to keep the input's size.");
        MinScale = minScale; MaxScale = maxScale; MinRatio = minRatio; MaxRatio = maxRatio; Size = size;
        _generator = new Generator(unchecked((ulong)seed));
    }

    public double MinScale { get; }
    public double MaxScale { get; }
    public double MinRatio { get; }
    public double MaxRatio { get; }

    /// <summary>The output's height and width; null keeps the input's.</summary>
    public (int Height, int Width)? Size { get; }

    /// <summary>Crops every image of a floating-point [B, C, H, W] batch at its own random box and resizes it to <see cref="Size"/>.</summary>
    public Tensor Apply(Tensor images)
    {
        RequireBatch(images);
        using var scope = NewDisposeScope();
        int height = (int)images.shape[2], width = (int)images.shape[3];
        var (outHeight, outWidth) = Size ?? (height, width);
        var boxes = SampleBoxes(images.shape[0], height, width);
        return scope.MoveToOuter(ResizedCrop(images, boxes, outHeight, outWidth));
    }

    /// <summary>
    /// One box per image of a height × width batch: int64 [B, 4] rows (top, left, height, width), torchvision's
    /// (i, j, h, w). Each row takes the first of <see cref="Attempts"/> draws that fits in the image, else
    /// <see cref="CentralBox"/>. Every call draws the same number of values, so the generator's position
    /// depends only on the batch sizes seen.
    /// </summary>
    internal Tensor SampleBoxes(long batch, int height, int width)
    {
        using var scope = NewDisposeScope();
        var area = (double)height * width;
        var scale = rand(new[] { batch, Attempts }, ScalarType.Float64, generator: _generator) * (MaxScale - MinScale) + MinScale;
        var logRatio = rand(new[] { batch, Attempts }, ScalarType.Float64, generator: _generator)
            * (Math.Log(MaxRatio) - Math.Log(MinRatio)) + Math.Log(MinRatio);
        var ratio = logRatio.exp();
        var target = scale * area;
        // torch.round, like Python's round, takes halves to even.
        var w = (target * ratio).sqrt().round();
        var h = (target / ratio).sqrt().round();
        var fits = w.gt(0).logical_and(w.le(width)).logical_and(h.gt(0)).logical_and(h.le(height));
        // argmax returns the first maximal index: the first attempt that fits.
        var first = fits.to(ScalarType.Int64).argmax(1, keepdim: true);
        var found = fits.any(1);
        var central = CentralBox(height, width, MinRatio, MaxRatio);
        var boxHeight = where(found, h.gather(1, first).squeeze(1), central.Height);
        var boxWidth = where(found, w.gather(1, first).squeeze(1), central.Width);

        // top and left uniform on [0, H − h] and [0, W − w]; the fallback is centred instead.
        var position = rand(new[] { batch, 2 }, ScalarType.Float64, generator: _generator);
        var freeRows = height - boxHeight;
        var freeColumns = width - boxWidth;
        var top = where(found, (position[.., 0] * (freeRows + 1)).floor().minimum(freeRows), central.Top);
        var left = where(found, (position[.., 1] * (freeColumns + 1)).floor().minimum(freeColumns), central.Left);
        var boxes = stack(new[] { top, left, boxHeight, boxWidth }, 1).to(ScalarType.Int64);
        return scope.MoveToOuter(boxes);
    }

    /// <summary>
    /// torchvision's fallback when no draw fits: the whole image when its aspect ratio lies in [minRatio, maxRatio],
    /// else the largest centred box of the nearest ratio in range (halves rounded to even, offsets floored).
    /// </summary>
    internal static (int Top, int Left, int Height, int Width) CentralBox(int height, int width, double minRatio, double maxRatio)
    {
        double imageRatio = (double)width / height;
        int h = height, w = width;
        if (imageRatio < minRatio) h = (int)Math.Round(width / minRatio, MidpointRounding.ToEven);
        else if (imageRatio > maxRatio) w = (int)Math.Round(height * maxRatio, MidpointRounding.ToEven);
        return ((height - h) / 2, (width - w) / 2, h, w);
    }

    /// <summary>
    /// out[b] = the box boxes[b] = (top, left, height, width) of images[b], resized to outHeight × outWidth as
    /// torch.nn.functional.interpolate(mode="bilinear", align_corners=False, antialias=False) resizes the cropped box:
    /// output pixel i samples the box at (i + ½)·h / outHeight − ½, clamped to the box, from its two nearest
    /// pixels. Works on any floating-point dtype; boxes must lie inside the image.
    /// </summary>
    public static Tensor ResizedCrop(Tensor images, Tensor boxes, int outHeight, int outWidth)
    {
        RequireBatch(images);
        long batch = images.shape[0], channels = images.shape[1], height = images.shape[2], width = images.shape[3];
        if (boxes.dim() != 2 || boxes.shape[0] != batch || boxes.shape[1] != 4)
            throw new ArgumentException($"The boxes must be shaped [{batch}, 4] (top, left, height, width per image), not [{string.Join(", ", boxes.shape)}].", nameof(boxes));
        using var scope = NewDisposeScope();
        var b = boxes.to(ScalarType.Int64).cpu();
        var (top, left, boxHeight, boxWidth) = (b[.., 0], b[.., 1], b[.., 2], b[.., 3]);
        if (boxHeight.lt(1).logical_or(boxWidth.lt(1)).logical_or(top.lt(0)).logical_or(left.lt(0))
                .logical_or((top + boxHeight).gt(height)).logical_or((left + boxWidth).gt(width)).any().item<bool>())
            throw new ArgumentException($"Every box must be at least 1 × 1 and lie inside the {height} × {width} image.", nameof(boxes));

        // Width first, then height, the order of PyTorch's separable bilinear kernel.
        var (col0, col1, colWeight) = Taps(left, boxWidth, outWidth, images);
        var (row0, row1, rowWeight) = Taps(top, boxHeight, outHeight, images);
        var columns = new long[] { batch, channels, height, outWidth };
        var c0 = images.gather(3, col0.view(batch, 1, 1, outWidth).expand(columns));
        var c1 = images.gather(3, col1.view(batch, 1, 1, outWidth).expand(columns));
        var lx = colWeight.view(batch, 1, 1, outWidth);
        var widened = c0 * (1 - lx) + c1 * lx;
        var rows = new long[] { batch, channels, outHeight, outWidth };
        var r0 = widened.gather(2, row0.view(batch, 1, outHeight, 1).expand(rows));
        var r1 = widened.gather(2, row1.view(batch, 1, outHeight, 1).expand(rows));
        var ly = rowWeight.view(batch, 1, outHeight, 1);
        return scope.MoveToOuter(r0 * (1 - ly) + r1 * ly);
    }

    /// <summary>
    /// The two source pixels (absolute indices, int64 [B, size]) and the weight of the second for each output pixel
    /// along one axis of the boxes starting at <paramref name="start"/> with <paramref name="length"/> pixels.
    /// </summary>
    static (Tensor First, Tensor Second, Tensor Weight) Taps(Tensor start, Tensor length, int size, Tensor like)
    {
        var lengths = length.to(ScalarType.Float64).view(-1, 1);
        var centres = arange(size, ScalarType.Float64).view(1, -1) + 0.5;
        // align_corners=False: the source coordinate of an output centre, clamped at 0 as PyTorch does.
        var source = (centres * lengths / size - 0.5).clamp_min(0);
        var last = (lengths - 1).to(ScalarType.Int64);
        var first = source.floor().to(ScalarType.Int64).minimum(last);
        var second = (first + 1).minimum(last);
        var weight = (source - first).clamp(0, 1);
        var offset = start.view(-1, 1);
        return ((first + offset).to(like.device), (second + offset).to(like.device), weight.to(like.dtype, like.device));
    }

    /// <summary>The crop as the plan says it: "random resized crop (scale 0.08–1, ratio 0.75–1.33)", three significant digits.</summary>
    public static string Describe(double minScale, double maxScale, double minRatio, double maxRatio)
        => $"random resized crop (scale {Text(minScale)}–{Text(maxScale)}, ratio {Text(minRatio)}–{Text(maxRatio)})";

    static string Text(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    static string Exact(double value) => value.ToString(CultureInfo.InvariantCulture);

    static void RequireBatch(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4)
            throw new ArgumentException($"RandomResizedCrop needs a batch shaped [B, C, H, W], not [{string.Join(", ", images.shape)}].", nameof(images));
        if (!images.is_floating_point())
            throw new ArgumentException($"RandomResizedCrop interpolates, so it needs floating-point images, not {images.dtype}; convert the batch with .to(ScalarType.Float32) first.", nameof(images));
    }

    /// <summary>The name of this state in a run's resume.json.</summary>
    public string ResumeKey => "resizedCrop";

    /// <summary>The generator's position as JSON, so a resumed run draws what an uninterrupted one would.</summary>
    public string SaveState() => GeneratorState.Save(_generator);

    /// <summary>Moves the generator to the position <see cref="SaveState"/> wrote.</summary>
    public void LoadState(string json) => GeneratorState.Load(_generator, json, "RandomResizedCrop");

    public void Dispose() => _generator.Dispose();
}
