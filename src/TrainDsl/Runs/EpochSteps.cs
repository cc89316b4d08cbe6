using System.Globalization;

namespace TrainDsl.Runs;

/// <summary>
/// Optimizer steps per epoch: whole batches of the training set (the loader drops the last partial batch). An epoch
/// without a step could not train and would give schedules a length of 0, so it is refused with a sentence that says
/// which setting to change.
/// </summary>
public static class EpochSteps
{
    /// <summary>
    /// <paramref name="trainSize"/> / <paramref name="batchSize"/>, at least 1; otherwise a <see cref="TrainDslException"/>
    /// naming the empty training set, the train limit below one batch, or the batch larger than the training set.
    /// </summary>
    public static int Of(int trainSize, int batchSize, int trainLimit, string dataset)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "BatchSize must be at least 1.");
        if (trainSize / batchSize >= 1) return trainSize / batchSize;
        var c = CultureInfo.InvariantCulture;
        if (trainSize == 0)
            throw new TrainDslException($"The {dataset} training set has no images, so there is nothing to train on; check the data files (--data) or rebuild them.");
        if (trainLimit > 0 && trainLimit < batchSize)
            throw new TrainDslException(string.Create(c,
                $"--train-limit {trainLimit} is smaller than one batch ({batchSize} images), so an epoch would have no step; raise --train-limit to at least {batchSize} or lower --batch-size."));
        throw new TrainDslException(string.Create(c,
            $"BatchSize {batchSize} is larger than the {dataset} training set ({trainSize:N0} images), so an epoch would have no step; lower --batch-size to at most {trainSize}."));
    }
}
