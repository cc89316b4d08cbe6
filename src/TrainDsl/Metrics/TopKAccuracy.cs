using static TorchSharp.torch;

namespace TrainDsl.Metrics;

/// <summary>
/// Fraction of samples whose label is among the k highest logits (k = 1 is accuracy), accumulated over
/// batches. As scikit-learn's top_k_accuracy_score, k ≥ the number of classes counts every sample.
/// Hits accumulate in a tensor on the logits' device, so Update never waits for the device.
/// </summary>
public sealed class TopKAccuracy : IDisposable
{
    private Tensor? _hits;
    private long _total;

    public TopKAccuracy(int k = 1)
    {
        if (k < 1)
            throw new ArgumentOutOfRangeException(nameof(k), k, "Top-k accuracy needs k ≥ 1 (k = 1 is plain accuracy).");
        K = k;
    }

    public int K { get; }

    /// <summary>Samples seen since the last <see cref="Reset"/>.</summary>
    public long Count => _total;

    /// <summary>Adds a batch: <paramref name="logits"/> [batch, classes], <paramref name="labels"/> [batch] class indices.</summary>
    public void Update(Tensor logits, Tensor labels)
    {
        if (logits.ndim != 2)
            throw new ArgumentException($"Top-k accuracy expects logits shaped [batch, classes], got [{string.Join(", ", logits.shape)}].", nameof(logits));
        if (labels.ndim != 1 || labels.shape[0] != logits.shape[0])
            throw new ArgumentException(
                $"Top-k accuracy expects one label per sample (shape [{logits.shape[0]}]), got [{string.Join(", ", labels.shape)}].", nameof(labels));

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        int k = (int)Math.Min(K, logits.shape[1]);
        // A stable sort, not topk: tied logits (common in bf16) keep the lower class first, as the confusion matrix's
        // argmax and predict's ranking do, so accuracy, macro-F1 and predict agree image for image.
        var top = logits.sort(dim: 1, descending: true, stable: true).Indices.narrow(1, 0, k);
        var hits = top.eq(labels.to(top.device).to_type(ScalarType.Int64).unsqueeze(1)).any(1).sum();
        if (_hits is null)
            _hits = hits.DetachFromDisposeScope();
        else
            _hits.add_(hits.to(_hits.device));
        _total += logits.shape[0];
    }

    /// <summary>The accuracy over every sample since the last <see cref="Reset"/>, in [0, 1].</summary>
    public double Compute()
    {
        if (_hits is null || _total == 0)
            throw new InvalidOperationException("Top-k accuracy has seen no samples; call Update with a batch before Compute.");
        return (double)_hits.item<long>() / _total;
    }

    public void Reset()
    {
        _hits?.Dispose();
        _hits = null;
        _total = 0;
    }

    public void Dispose() => Reset();
}
