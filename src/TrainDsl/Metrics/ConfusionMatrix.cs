using System.Globalization;
using System.Text;
using static TorchSharp.torch;

namespace TrainDsl.Metrics;

/// <summary>
/// A confusion matrix (rows = true class, columns = predicted class) accumulated over batches, with the
/// scores scikit-learn derives from it. A score whose denominator is 0 is 0, as scikit-learn's default
/// zero_division. Averages follow scikit-learn's defaults: macro averages run over the classes that occur
/// among the labels or the predictions, and balanced accuracy over the classes that occur among the labels.
/// </summary>
public sealed class ConfusionMatrix : IDisposable
{
    private readonly string[]? _names;
    private Tensor? _counts;
    private long[,]? _cached;

    /// <param name="classes">Number of classes C; labels and predictions lie in [0, C).</param>
    /// <param name="classNames">Optional names for <see cref="ToString"/>, one per class.</param>
    public ConfusionMatrix(int classes, IReadOnlyList<string>? classNames = null)
    {
        if (classes < 1)
            throw new ArgumentOutOfRangeException(nameof(classes), classes, "A confusion matrix needs at least 1 class.");
        if (classNames is not null && classNames.Count != classes)
            throw new ArgumentException($"Give one name per class: {classes} classes but {classNames.Count} names.", nameof(classNames));
        Classes = classes;
        _names = classNames?.ToArray();
    }

    public int Classes { get; }

    /// <summary>The name given for class <paramref name="c"/>, or its index.</summary>
    public string ClassName(int c) => _names?[c] ?? c.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Adds a batch. <paramref name="logitsOrPredictions"/> is either logits [batch, C] (the prediction is
    /// the arg-max) or predicted class indices [batch]; <paramref name="labels"/> holds class indices [batch].
    /// </summary>
    public void Update(Tensor logitsOrPredictions, Tensor labels)
    {
        var p = logitsOrPredictions;
        bool isLogits = p.ndim == 2;
        if (isLogits && p.shape[1] != Classes)
            throw new ArgumentException($"The confusion matrix has {Classes} classes but the logits have {p.shape[1]} columns.", nameof(logitsOrPredictions));
        if (!isLogits && p.ndim != 1)
            throw new ArgumentException(
                $"Pass logits [batch, {Classes}] or predicted indices [batch], got [{string.Join(", ", p.shape)}].", nameof(logitsOrPredictions));
        if (labels.ndim != 1 || labels.shape[0] != p.shape[0])
            throw new ArgumentException(
                $"Expected one label per sample (shape [{p.shape[0]}]), got [{string.Join(", ", labels.shape)}].", nameof(labels));
        if (!isLogits && (p.is_floating_point() || p.dtype == ScalarType.Bool))
            throw new ArgumentException("Predicted indices must be an integer tensor; pass logits as [batch, classes].", nameof(logitsOrPredictions));

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var pred = (isLogits ? p.argmax(1) : p).to_type(ScalarType.Int64);
        var truth = labels.to(pred.device).to_type(ScalarType.Int64);
        // An out-of-range index would silently land in another cell of the flattened bincount.
        if (truth.lt(0).logical_or(truth.ge(Classes)).any().item<bool>())
            throw new ArgumentOutOfRangeException(nameof(labels), $"Labels must lie in [0, {Classes}); check the class count given to the confusion matrix.");
        if (pred.lt(0).logical_or(pred.ge(Classes)).any().item<bool>())
            throw new ArgumentOutOfRangeException(nameof(logitsOrPredictions), $"Predictions must lie in [0, {Classes}); check the class count given to the confusion matrix.");

        var counts = (truth * Classes + pred).bincount(null, (long)Classes * Classes);
        if (_counts is null)
            _counts = counts.DetachFromDisposeScope();
        else
            _counts.add_(counts.to(_counts.device));
        _cached = null;
    }

    public void Reset()
    {
        _counts?.Dispose();
        _counts = null;
        _cached = null;
    }

    public void Dispose() => Reset();

    /// <summary>The counts: [true class, predicted class]. All zero before any update.</summary>
    public long[,] Matrix
    {
        get
        {
            var m = Counts();
            return (long[,])m.Clone();
        }
    }

    /// <summary>Samples counted since the last reset.</summary>
    public long Total
    {
        get
        {
            var m = Counts();
            long s = 0;
            foreach (var v in m) s += v;
            return s;
        }
    }

    /// <summary>Samples per true class.</summary>
    public long[] Support => Rows(Counts());

    /// <summary>Per-class precision TP / (TP + FP); 0 for a class never predicted.</summary>
    public double[] Precision
    {
        get
        {
            var m = Counts();
            var cols = Columns(m);
            return Enumerable.Range(0, Classes).Select(c => Ratio(m[c, c], cols[c])).ToArray();
        }
    }

    /// <summary>Per-class recall TP / (TP + FN); 0 for a class absent from the labels.</summary>
    public double[] Recall
    {
        get
        {
            var m = Counts();
            var rows = Rows(m);
            return Enumerable.Range(0, Classes).Select(c => Ratio(m[c, c], rows[c])).ToArray();
        }
    }

    /// <summary>Per-class F1 = 2TP / (2TP + FP + FN); 0 for a class neither present nor predicted.</summary>
    public double[] F1
    {
        get
        {
            var m = Counts();
            var rows = Rows(m);
            var cols = Columns(m);
            return Enumerable.Range(0, Classes).Select(c => Ratio(2 * m[c, c], rows[c] + cols[c])).ToArray();
        }
    }

    /// <summary>Fraction of samples on the diagonal.</summary>
    public double Accuracy
    {
        get
        {
            var m = Counts();
            long diag = 0;
            for (int c = 0; c < Classes; c++) diag += m[c, c];
            return Ratio(diag, Total);
        }
    }

    public double MacroPrecision => MacroAverage(Precision);
    public double MacroRecall => MacroAverage(Recall);
    public double MacroF1 => MacroAverage(F1);

    public double WeightedPrecision => SupportWeighted(Precision);
    public double WeightedRecall => SupportWeighted(Recall);
    public double WeightedF1 => SupportWeighted(F1);

    /// <summary>Mean recall over the classes present among the labels (Brodersen et al. 2010).</summary>
    public double BalancedAccuracy
    {
        get
        {
            var rows = Support;
            var recall = Recall;
            var present = Enumerable.Range(0, Classes).Where(c => rows[c] > 0).ToArray();
            return present.Length == 0 ? 0 : present.Average(c => recall[c]);
        }
    }

    /// <summary>The matrix with per-class precision, recall, F1 and support, then the summary scores.</summary>
    public override string ToString()
    {
        var m = Counts();
        var names = _names ?? Enumerable.Range(0, Classes).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
        var precision = Precision;
        var recall = Recall;
        var f1 = F1;
        var support = Support;
        int nameWidth = Math.Max("true\\pred".Length, names.Max(n => n.Length));
        int cellWidth = Math.Max(names.Max(n => n.Length), Math.Max(6, Total.ToString(CultureInfo.InvariantCulture).Length)) + 1;

        var sb = new StringBuilder();
        sb.Append("true\\pred".PadRight(nameWidth));
        foreach (var n in names) sb.Append(n.PadLeft(cellWidth));
        sb.Append(" | precision  recall      f1  support").AppendLine();
        for (int r = 0; r < Classes; r++)
        {
            sb.Append(names[r].PadRight(nameWidth));
            for (int c = 0; c < Classes; c++) sb.Append(m[r, c].ToString(CultureInfo.InvariantCulture).PadLeft(cellWidth));
            sb.Append(" | ")
              .Append(precision[r].ToString("F4", CultureInfo.InvariantCulture).PadLeft(9))
              .Append(recall[r].ToString("F4", CultureInfo.InvariantCulture).PadLeft(8))
              .Append(f1[r].ToString("F4", CultureInfo.InvariantCulture).PadLeft(8))
              .Append(support[r].ToString(CultureInfo.InvariantCulture).PadLeft(9))
              .AppendLine();
        }
        sb.Append(CultureInfo.InvariantCulture,
            $"accuracy {Accuracy:F4}  balanced accuracy {BalancedAccuracy:F4}  macro F1 {MacroF1:F4}  weighted F1 {WeightedF1:F4}  samples {Total}");
        return sb.ToString();
    }

    private long[,] Counts()
    {
        if (_cached is not null) return _cached;
        var m = new long[Classes, Classes];
        if (_counts is not null)
        {
            using var onCpu = _counts.cpu();
            var flat = onCpu.data<long>().ToArray();
            for (int r = 0; r < Classes; r++)
                for (int c = 0; c < Classes; c++)
                    m[r, c] = flat[r * Classes + c];
        }
        return _cached = m;
    }

    private long[] Rows(long[,] m) =>
        Enumerable.Range(0, Classes).Select(r => Enumerable.Range(0, Classes).Sum(c => m[r, c])).ToArray();

    private long[] Columns(long[,] m) =>
        Enumerable.Range(0, Classes).Select(c => Enumerable.Range(0, Classes).Sum(r => m[r, c])).ToArray();

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    /// <summary>Unweighted mean over the classes that occur among the labels or the predictions.</summary>
    private double MacroAverage(double[] perClass)
    {
        var m = Counts();
        var rows = Rows(m);
        var cols = Columns(m);
        var seen = Enumerable.Range(0, Classes).Where(c => rows[c] + cols[c] > 0).ToArray();
        return seen.Length == 0 ? 0 : seen.Average(c => perClass[c]);
    }

    private double SupportWeighted(double[] perClass)
    {
        var rows = Support;
        long total = rows.Sum();
        if (total == 0) return 0;
        double s = 0;
        for (int c = 0; c < Classes; c++) s += perClass[c] * rows[c];
        return s / total;
    }
}
